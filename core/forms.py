"""Forms for a person's account that every app shares: the language their e-mails are written in."""

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.accounts import language_of, remember_for_account


def language_choices():
    names = [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]
    return [(code, name[:1].upper() + name[1:]) for code, name in names]


class LanguageField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Language of your e-mails"),
            choices=language_choices,
            help_text=_("The portal writes to you in this language."),
            **kwargs,
        )


class SignupForm(forms.Form):
    """allauth's sign-up form, with the language the person reads (the page's, unless they choose)."""

    language = LanguageField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()

    def signup(self, request, user):
        remember_for_account(user, self.cleaned_data.get("language") or translation.get_language())


class AccountLanguageForm(forms.Form):
    language = LanguageField()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["language"].initial = language_of(user)

    def save(self):
        remember_for_account(self.user, self.cleaned_data["language"])


# --- Long forms: an error summary, lists one picks from by typing, a character counter ------
# Shared by the side-event application, the organisation profile and the pledge flow
# (static/core/forms.js and templates/forms/_*.html go with them).


def field_anchor(bound_field):
    """The id a link to this field points at: a group of checkboxes has no element of its own id,
    so its first box."""
    if isinstance(bound_field.field.widget, forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


def error_summary(form=None, formset=None, item_label=None, *, labelled=True, anchors=None, formset_anchor=""):
    """The error summary's entries, each message with the id of the field it is about and (when
    labelled) that field's label; for a formset, each message of one of its forms says which item it
    is about (item_label: a format string with %(number)s, %(label)s and %(message)s), counting only
    the items that are kept. anchors: the field a non-field error of that code points at;
    formset_anchor: the id the formset's own errors point at."""
    entries = []
    if form is not None:
        for error in form.non_field_errors().as_data():
            target = (anchors or {}).get(error.code)
            entries += [{"anchor": field_anchor(form[target]) if target else "", "message": m} for m in error.messages]
        for field in form:
            entries += [
                {"anchor": field_anchor(field), "message": labelled_message(field, message) if labelled else message}
                for message in field.errors
            ]
    if formset is not None:
        entries += [{"anchor": formset_anchor, "message": message} for message in formset.non_form_errors()]
        for number, item in enumerate(kept_forms(formset), start=1):
            for message in item.non_field_errors():
                entries.append({"anchor": "", "message": message})
            for field in item:
                for message in field.errors:
                    text = item_label % {"number": number, "label": field.label, "message": message}
                    entries.append({"anchor": field_anchor(field), "message": text})
    return entries


def labelled_message(field, message):
    return _("%(label)s: %(message)s") % {"label": field.label, "message": message}


def removed(item):
    """Whether a formset's form was removed: read from what was posted, so valid or not."""
    field = item.fields.get("DELETE")
    return bool(field and item.is_bound and field.to_python(item["DELETE"].data))


def kept_forms(formset):
    return [item for item in formset.forms if not removed(item)]


def keep_typed(*forms_and_formsets):
    """Show what was typed, without error messages: the person asked for another item or to
    remove one, not to save, and a half-filled form is not yet wrong."""
    for thing in forms_and_formsets:
        if isinstance(thing, forms.BaseFormSet):
            thing._errors = []
            thing._non_form_errors = thing.error_class()
            for item in thing.forms:
                item._errors = ErrorDict()
        else:
            thing._errors = ErrorDict()


def add_or_remove(data, prefix):
    """What a press on "Add another" or "Remove" asked of the formset of that prefix (buttons named
    <prefix>-add and <prefix>-remove, whose value is the form's index): the posted data with one
    more form or that form marked for deletion, or None when the form was sent to be saved."""
    if data is None:
        return None
    if f"{prefix}-add" in data:
        changed = data.copy()
        changed[f"{prefix}-TOTAL_FORMS"] = str(int(data.get(f"{prefix}-TOTAL_FORMS") or 0) + 1)
        return changed
    index = data.get(f"{prefix}-remove", "")
    if index.isdigit():
        changed = data.copy()
        changed[f"{prefix}-{index}-DELETE"] = "on"
        return changed
    return None


def choice_groups(bound_field, group_of, labels):
    """A multiple-choice field's checkboxes by group (each a list that opens and closes, with the
    number chosen in it), so that nobody scrolls through 193 rows when no script helps."""
    groups = {}
    for box in bound_field:
        groups.setdefault(group_of(box.data["value"].instance), []).append(box)
    return [
        {"label": labels.get(key, key), "boxes": boxes, "chosen": sum(bool(b.data["selected"]) for b in boxes)}
        for key, boxes in sorted(groups.items(), key=lambda item: str(labels.get(item[0], item[0])))
    ]


def counted(widget, max_length, min_length=None):
    """A textarea whose length a counter shows as one types (static/core/forms.js); with
    min_length, the counter also says how many characters are still needed."""
    widget.attrs.update(
        {
            "maxlength": max_length,
            "data-counter": "",
            "data-count-ok": _("Characters: %(count)s, of at most %(max)s."),
            "data-count-over": _("Characters: %(count)s. At most %(max)s: %(extra)s too many."),
        }
    )
    if min_length is not None:
        widget.attrs.update(
            {
                "minlength": min_length,
                "data-count-under": _("Characters: %(count)s. At least %(min)s are needed: %(missing)s more."),
            }
        )
    return widget


def add_service_errors(form, exc):
    """A service's ValidationError shown on the form that led to it: each message on its field
    when the form has that field, on the form as a whole otherwise, so what was typed stays."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)
