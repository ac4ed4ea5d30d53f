from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from declarations.enums import Fate
from declarations.models import KeyMessage, Paragraph
from reference.models import GuidingPrinciple, Objective


class ParagraphChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, paragraph):
        return f"{paragraph.number}. {Truncator(paragraph.text).words(16)}"


class KeyMessageForm(forms.ModelForm):
    """A key message on the paragraphs of the version it addresses (the forum's current one when new)."""

    paragraphs = ParagraphChoiceField(
        queryset=Paragraph.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Paragraphs addressed"),
        help_text=_("The paragraphs of the current version your message is about."),
    )
    objectives = forms.ModelMultipleChoiceField(
        queryset=Objective.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        label=_("GCM objectives"),
    )
    guiding_principles = forms.ModelMultipleChoiceField(
        queryset=GuidingPrinciple.objects.order_by("letter"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Guiding principles"),
    )

    class Meta:
        model = KeyMessage
        fields = ["title", "text", "paragraphs", "objectives", "guiding_principles"]
        help_texts = {"text": _("What the declaration should say, in at most 2,000 characters.")}

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraphs"].queryset = version.paragraphs.order_by("number")
        self.fields["text"].widget.attrs["rows"] = 8


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plain-text or Word (.docx) file"),
        help_text=_("One paragraph per line, starting with its number: “1. text”. A line without a number is a section heading."),
    )


class OutcomeForm(forms.Form):
    """The secretariat's mark of one message in a new version."""

    message = forms.IntegerField(widget=forms.HiddenInput)
    # No fate is preselected: an unmarked message is marked by a choice, never by default.
    fate = forms.ChoiceField(label=_("Fate"), choices=[("", "—"), *Fate.choices])
    paragraph = forms.ModelChoiceField(
        queryset=Paragraph.objects.none(), required=False, label=_("Paragraph of the new version where it landed")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].queryset = version.paragraphs.order_by("number")
        self.fields["paragraph"].label_from_instance = lambda p: f"{p.number}. {Truncator(p.text).words(10)}"

    def clean(self):
        data = super().clean()
        if data.get("fate") in Fate.landed() and not data.get("paragraph"):
            self.add_error("paragraph", _("Say in which paragraph of the new version the message landed."))
        return data
