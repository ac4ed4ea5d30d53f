from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from forums.enums import StatementRole
from forums.models import Forum, Statement
from reviews.enums import ConsultationKind
from reviews.models import (
    DOCUMENT_LANGUAGES,
    Consultation,
    ConsultationInput,
    NationalStatement,
    VoluntaryReview,
)
from reviews.validators import DOCUMENT_EXTENSIONS, validate_document


class VoluntaryReviewForm(forms.ModelForm):
    """The review's date, summary, the national consultation it came from, and one file per
    language it was submitted in (a new file replaces the one before)."""

    class Meta:
        model = VoluntaryReview
        fields = ["dated_on", "summary", "consultation"]
        widgets = {"dated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, member_state, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.member_state = member_state
        self.instance.forum = forum
        self.fields["consultation"].queryset = Consultation.objects.filter(
            kind=ConsultationKind.NATIONAL, member_state=member_state
        ).order_by("-deadline")
        self.fields["consultation"].help_text = _(
            "A national consultation your State recorded with the secretariat, if the review came from one."
        )
        have = {document.language for document in self.instance.documents.all()} if self.instance.pk else set()
        for code, name in DOCUMENT_LANGUAGES:
            self.fields[f"document_{code}"] = forms.FileField(
                label=_("The review in %(language)s") % {"language": name},
                required=False,
                validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document],
                help_text=(
                    _("Uploaded already: a new file replaces it.")
                    if code in have
                    else _("PDF or office document, at most 25 MB.")
                ),
            )

    def document_fields(self):
        return [self[f"document_{code}"] for code, _name in DOCUMENT_LANGUAGES]

    def documents(self):
        return {code: self.cleaned_data.get(f"document_{code}") for code, _name in DOCUMENT_LANGUAGES}


class NationalStatementForm(forms.ModelForm):
    """The statement's text or PDF; which statement of the programme it is (session and speaker
    come from there)."""

    class Meta:
        model = NationalStatement
        fields = ["statement", "text", "pdf"]

    def __init__(self, *args, member_state, forum, **kwargs):
        super().__init__(*args, **kwargs)
        taken = NationalStatement.objects.exclude(pk=self.instance.pk).values("statement")
        self.fields["statement"].queryset = (
            Statement.objects.filter(
                role=StatementRole.MEMBER_STATE, member_state=member_state, session__forum=forum
            )
            .exclude(pk__in=taken)
            .select_related("session")
            .order_by("session__starts_at", "order")
        )
        self.fields["statement"].label_from_instance = _statement_label
        self.fields["statement"].help_text = _(
            "The statement in the programme, as the secretariat listed it (session and speaker)."
        )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text", "").strip() or cleaned.get("pdf") or (self.instance.pk and self.instance.pdf)):
            self.add_error("text", _("Give the text of the statement or its PDF."))
        return cleaned


def _statement_label(statement):
    speaker = statement.speaker or _("speaker to be named")
    return f"{statement.session.title} · {speaker}"


class NationalConsultationForm(forms.ModelForm):
    """A national consultation a State records: the State is its focal point's, never chosen."""

    class Meta:
        model = Consultation
        fields = ["forum", "title", "description", "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, member_state, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = ConsultationKind.NATIONAL
        self.instance.member_state = member_state
        self.fields["forum"].queryset = Forum.objects.public().order_by("-year")
        self.fields["forum"].help_text = _("The forum whose review the consultation prepares.")
        self.fields["deadline"].help_text = _("Its last day, New York time.")


class ConsultationInputForm(forms.ModelForm):
    class Meta:
        model = ConsultationInput
        fields = ["text", "attachment"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}
