from django import forms
from django.core.exceptions import ValidationError

from forums.enums import SessionKind
from forums.models import RoundTable, Session
from forums.services import validate_co_chairs


class SessionAdminForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "forum",
            "kind",
            "title",
            "slug",
            "room",
            "starts_at",
            "ends_at",
            "chair",
            "description",
            "takes_speaking_requests",
            "tells_not_selected",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            # Round tables carry co-chairs and objectives: they have their own admin page.
            self.fields["kind"].choices = [
                choice for choice in self.fields["kind"].choices if choice[0] != SessionKind.ROUND_TABLE
            ]


class RoundTableAdminForm(forms.ModelForm):
    class Meta:
        model = RoundTable
        fields = [
            "forum",
            "number",
            "title",
            "slug",
            "theme",
            "room",
            "starts_at",
            "ends_at",
            "co_chairs",
            "keynote_speaker",
            "chair",
            "objectives",
            "description",
            "background_note",
            "takes_speaking_requests",
            "tells_not_selected",
        ]

    def clean(self):
        cleaned = super().clean()
        if "co_chairs" in cleaned:
            try:
                validate_co_chairs(
                    cleaned["co_chairs"],
                    starts_at=cleaned.get("starts_at"),
                    ends_at=cleaned.get("ends_at"),
                    round_table_pk=self.instance.pk,
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned
