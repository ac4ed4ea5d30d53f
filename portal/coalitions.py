"""The coalition pages that read pledges (a floor above coalitions): the coalition's page with its
members' pledges and its joint pledges, a new coalition started from matching pledges, and the
joint pledge made from a coalition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coalitions import permissions, queries, services
from coalitions.enums import CoalitionState, MembershipState
from coalitions.forms import CoalitionForm
from core.forms import error_summary
from core.page_cache import public_page
from pledges import permissions as pledge_permissions
from pledges import services as pledge_services
from pledges.models import Pledge
from pledges.queries import coalition_members_pledges, joint_pledges_of

# A suggested match proposes a handful of pledges; more is not a match.
MAX_WITH = 20


def _visible(request, slug):
    coalition = queries.coalition_page(slug)
    members = list(coalition.members.all())
    if not permissions.can_view_coalition(request.user, coalition, members):
        raise Http404
    return coalition, members


@public_page
@require_safe
def coalition_detail(request, slug):
    coalition, members = _visible(request, slug)
    user = request.user
    confirmed = [m for m in members if m.is_confirmed]
    mine = permissions.member_row(user, members)
    is_member = mine is not None and mine.is_confirmed
    convenor = permissions.is_convenor(user, coalition)
    joinable = [
        e for e in permissions.entities_of(user) if permissions.can_ask_to_join(user, coalition, e, members)
    ]
    return render(
        request,
        "coalitions/detail.html",
        {
            "coalition": coalition,
            "members": confirmed,
            "related_pledges": coalition_members_pledges(coalition, confirmed),
            "joint_pledges": joint_pledges_of(coalition, public_only=not (is_member or convenor)),
            "mine": mine,
            "is_member": is_member,
            "is_convenor": convenor,
            "pending": [m for m in members if m.state in MembershipState.pending()] if convenor else [],
            "can_join": bool(joinable),
            "can_edit": permissions.can_edit_coalition(user, coalition),
            "can_invite": permissions.can_invite(user, coalition),
            "can_publish": permissions.can_change_coalition_state(user, coalition, CoalitionState.PUBLISHED),
            "can_close": permissions.can_change_coalition_state(user, coalition, CoalitionState.CLOSED),
            "can_make_joint_pledge": permissions.can_make_joint_pledge(user, coalition),
            "can_leave": mine is not None and permissions.can_leave(user, mine),
        },
    )


def _pledges_named(request, user):
    """The pledges ?from= and ?with= name (references): the `from` pledge if the user may see it,
    the `with` pledges if published; and the references that name none of those."""
    source_ref = (request.GET.get("from") or "").strip().upper()
    with_refs = [ref.strip().upper() for ref in request.GET.getlist("with") if ref.strip()]
    if len(with_refs) > MAX_WITH:
        raise ValidationError(
            _("A coalition starts from at most %(count)s matching pledges.") % {"count": MAX_WITH}
        )
    wanted = {ref for ref in [source_ref, *with_refs] if ref}
    found = {
        pledge.reference: pledge
        for pledge in Pledge.objects.filter(reference__in=wanted)
        .select_related("organization", "member_state")
        .prefetch_related("objectives", "countries", "partners")
    }
    source = found.get(source_ref)
    if source is not None and not pledge_permissions.can_view_pledge(user, source):
        source = None
    matches = [found[ref] for ref in dict.fromkeys(with_refs) if ref in found and found[ref].is_public]
    unknown = [
        ref
        for ref in dict.fromkeys([source_ref, *with_refs])
        if ref and ref not in {*([source.reference] if source else []), *(m.reference for m in matches)}
    ]
    return source, matches, unknown


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def coalition_create(request):
    """A new coalition, convened by the organisation or the State the user is focal point of. From
    a suggested match (?from=<our pledge>&with=<matching pledge>…): the topic, objectives and
    countries come from our pledge, and the pledgers of the matching ones are proposed as invitees."""
    user = request.user
    convenors = [(queries.key_of(entity), entity) for entity in permissions.entities_of(user)]
    if not convenors:
        raise PermissionDenied(
            _("Only focal points of an organisation or a Member State convene a coalition.")
        )
    status, refused = 200, []
    try:
        source, matches, unknown = _pledges_named(request, user)
    except ValidationError as exc:
        source, matches, unknown = None, [], []
        refused, status = exc.messages, 400
    if unknown:
        refused.append(
            _("No pledge you may see has the reference %(references)s: the form does not use it.")
            % {"references": ", ".join(ref[:30] for ref in unknown)}
        )
        status = 400
    ours = {key for key, _entity in convenors}
    invitable = {}
    for pledge in matches:
        key = queries.key_of(pledge.pledger)
        if key not in ours:
            invitable.setdefault(key, pledge.pledger)
    initial = {}
    if source is not None:
        initial = {
            "title": source.title,
            "objectives": [o.pk for o in source.objectives.all()],
            "countries": [c.pk for c in source.countries.all()],
        }
    form = CoalitionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        convenors=convenors,
        invitable=list(invitable.items()),
    )
    if form.is_valid():
        try:
            coalition = services.create_coalition(
                form, by=user, convenor=form.convening_entity, invite=form.invited_entities
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Your coalition is saved as a draft. Publish it when it is ready; those you invited see it now."
                ),
            )
            return redirect(coalition.get_absolute_url())
    return render(
        request,
        "coalitions/form.html",
        {
            "form": form,
            "coalition": None,
            "source": source,
            "matches": matches,
            "refused": refused,
            "errors": error_summary(form),
        },
        status=status,
    )


@login_required
@require_POST
def coalition_joint_pledge(request, slug):
    """The convenor turns the coalition into a joint pledge and completes it in the pledge flow."""
    coalition, _members = _visible(request, slug)
    if not permissions.can_make_joint_pledge(request.user, coalition):
        raise PermissionDenied(
            _("Only the convenor's focal points make a joint pledge of a public coalition.")
        )
    try:
        pledge = pledge_services.create_joint_pledge(coalition, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(coalition.get_absolute_url())
    messages.success(
        request,
        _(
            "The joint pledge %(reference)s is a draft: every member is invited as partner and confirms it. "
            "Complete the pledge, then submit it."
        )
        % {"reference": pledge.reference},
    )
    return redirect("pledges:edit", reference=pledge.reference)
