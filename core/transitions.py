"""The one transition helper: every stateful model changes state through it, after its own
guards, so that the state graph is checked, the change saved and the trace written the same way
everywhere."""

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import log_activity


class InvalidTransition(ValidationError):
    """The state graph does not lead from the current state to the one asked for."""


def check(states, old_state, new_state, *, message):
    """Raise InvalidTransition unless the graph of `states` (a TextChoices with
    valid_next_states()) leads from old_state to new_state; return both as members.
    `message` names the thing in a whole sentence, with %(old)s and %(new)s."""
    old_state, new_state = states(old_state), states(new_state)
    if new_state not in states.valid_next_states()[old_state]:
        raise InvalidTransition(
            message % {"old": old_state.label, "new": new_state.label}, code="invalid_transition"
        )
    return old_state, new_state


def transition(obj, new_state, *, states, message, action, by=None, note="", field="state", changes=None):
    """Move `obj` to `new_state`: check the graph, set the state and any other `changes`
    (field → value), save those fields, log who, when, from and to. Returns the log entry."""
    old_state, new_state = check(states, getattr(obj, field), new_state, message=message)
    changes = {field: new_state, **(changes or {})}
    with transaction.atomic():
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.save(update_fields=list(changes))
        return log_activity(obj, action, actor=by, old_state=old_state, new_state=new_state, note=note)
