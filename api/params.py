"""The query string read literally, as the registry's exports read theirs: a parameter an address
does not take (a typo) or one given twice would otherwise be dropped silently, and the answer
would be of something else than what was asked."""

from django.utils.translation import gettext as _

from api.errors import BadRequest


def check(query, known):
    errors = []
    for name in query:
        if name not in known:
            if known:
                errors.append(
                    _("Unknown parameter “%(name)s”: this address understands %(known)s.")
                    % {"name": name, "known": ", ".join(known)}
                )
            else:
                errors.append(_("Unknown parameter “%(name)s”: this address takes none.") % {"name": name})
        elif len(query.getlist(name)) > 1:
            errors.append(
                _("“%(name)s” takes one value and was given %(count)d.")
                % {"name": name, "count": len(query.getlist(name))}
            )
    if errors:
        raise BadRequest(errors)
