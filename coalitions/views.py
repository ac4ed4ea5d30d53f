"""Coalitions: the public list, the convenor's and the members' pages, the workspace. The
coalition's own page, its creation from matching pledges and the joint pledge read pledges, a
floor above: they are in portal/coalitions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coalitions import permissions, queries, services
from coalitions.enums import CoalitionState, MembershipState
from coalitions.forms import CoalitionForm, DraftForm, MessageForm, NoteForm
from coalitions.models import CoalitionMember
from core.forms import error_summary
from core.page_cache import public_page
from stakeholders.permissions import represented_by


@public_page
@require_safe
def coalition_list(request):
    return render(request, "coalitions/list.html", {"coalitions": queries.public_coalitions()})


@login_required
@require_safe
def my_coalitions(request):
    represented = represented_by(request.user)
    entities = [e for e in (represented.organization, represented.member_state) if e is not None]
    rows = list(queries.rows_of(entities))
    return render(
        request,
        "coalitions/mine.html",
        {
            "rows": rows,
            "waiting": [row for row in rows if permissions.can_answer(request.user, row)],
            "can_convene": bool(permissions.entities_of(request.user)),
        },
    )


def _coalition(request, slug):
    """The coalition, if the user may see it at all; another's draft is not found."""
    coalition = queries.coalition_page(slug)
    members = list(coalition.members.all())
    if not permissions.can_view_coalition(request.user, coalition, members):
        raise Http404
    return coalition, members


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def coalition_edit(request, slug):
    coalition, _members = _coalition(request, slug)
    if not permissions.can_edit_coalition(request.user, coalition):
        raise PermissionDenied(_("Only the convenor's focal points change the coalition."))
    form = CoalitionForm(request.POST if request.method == "POST" else None, instance=coalition)
    if form.is_valid():
        services.update_coalition(form, by=request.user)
        messages.success(request, _("Your changes are saved."))
        return redirect(coalition.get_absolute_url())
    return render(
        request,
        "coalitions/form.html",
        {"form": form, "coalition": coalition, "errors": error_summary(form), "refused": []},
    )


@login_required
@require_POST
def coalition_state(request, slug, state):
    coalition, _members = _coalition(request, slug)
    if state not in CoalitionState.values:
        raise Http404
    if not permissions.can_change_coalition_state(request.user, coalition, state):
        raise PermissionDenied(_("Only the convenor's focal points can do this."))
    services.set_coalition_state(coalition, state, by=request.user)
    messages.success(
        request,
        _("The coalition is public: organisations and Member States can ask to join.")
        if state == CoalitionState.PUBLISHED
        else _("The coalition is closed. Its page stays public."),
    )
    return redirect(coalition.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def coalition_join(request, slug):
    """A focal point asks for its organisation (or its State) to join."""
    coalition, members = _coalition(request, slug)
    entities = [
        e
        for e in permissions.entities_of(request.user)
        if permissions.can_ask_to_join(request.user, coalition, e, members)
    ]
    if not entities:
        raise PermissionDenied(
            _(
                "Only focal points of an organisation or a Member State not yet in this public coalition ask to join."
            )
        )
    form = MessageForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.ask_to_join(
                coalition, entities[0], by=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your request is sent. The convenor's focal points answer it."))
            return redirect(coalition.get_absolute_url())
    return render(
        request,
        "coalitions/join.html",
        {"coalition": coalition, "entity": entities[0], "form": form, "errors": error_summary(form)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def coalition_invite(request, slug):
    """The convenor finds organisations and Member States by name and invites them."""
    coalition, members = _coalition(request, slug)
    if not permissions.can_invite(request.user, coalition):
        raise PermissionDenied(_("Only the convenor's focal points invite members."))
    query = (request.GET.get("q") or "").strip()[:100]
    if request.method == "POST":
        entity = queries.entity_by_key(request.POST.get("entity"))
        if entity is None:
            messages.error(request, _("Choose an organisation or a Member State from the list."))
        else:
            try:
                services.invite_member(coalition, entity, by=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("%(entity)s is invited. Its focal points confirm or decline.")
                    % {"entity": entity.name},
                )
        return redirect(request.get_full_path())
    return render(
        request,
        "coalitions/invite.html",
        {
            "coalition": coalition,
            "query": query,
            "candidates": queries.invitation_candidates(coalition, query) if len(query) >= 2 else None,
            "pending": [m for m in members if m.state in MembershipState.pending()],
        },
    )


def _member(request, pk):
    """A member row seen by the two sides it concerns (the entity's people, the convenor's);
    anyone else's is not found."""
    member = get_object_or_404(
        CoalitionMember.objects.select_related(
            "coalition", "coalition__organization", "coalition__member_state", "organization", "member_state"
        ),
        pk=pk,
    )
    user = request.user
    coalition = member.coalition
    if not (
        permissions.belongs_to(user, member.organization_id, member.member_state_id)
        or permissions.belongs_to(user, coalition.organization_id, coalition.member_state_id)
    ):
        raise Http404
    return member


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_page(request, pk):
    """A request or an invitation: the other side confirms or declines it here."""
    member = _member(request, pk)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in ("confirm", "decline"):
            messages.error(request, _("Choose whether to confirm or decline."))
            return redirect(member.get_absolute_url())
        if not permissions.can_answer(request.user, member):
            raise PermissionDenied(_("You cannot answer for this organisation or State."))
        new_state = MembershipState.CONFIRMED if decision == "confirm" else MembershipState.DECLINED
        services.set_member_state(member, new_state, by=request.user)
        messages.success(
            request,
            _("%(entity)s is now a member of the coalition.") % {"entity": member.entity.name}
            if new_state == MembershipState.CONFIRMED
            else _("Declined: %(entity)s is not a member of the coalition.") % {"entity": member.entity.name},
        )
        return redirect(member.coalition.get_absolute_url())
    return render(
        request,
        "coalitions/member.html",
        {
            "member": member,
            "coalition": member.coalition,
            "can_answer": permissions.can_answer(request.user, member),
            "can_leave": permissions.can_leave(request.user, member),
        },
    )


@login_required
@require_POST
def member_leave(request, pk):
    member = _member(request, pk)
    if not permissions.can_leave(request.user, member):
        raise PermissionDenied(_("Only the member's focal points take it out of the coalition."))
    services.set_member_state(member, MembershipState.LEFT, by=request.user)
    messages.success(request, _("%(entity)s is no longer in the coalition.") % {"entity": member.entity.name})
    return redirect(member.coalition.get_absolute_url())


def _workspace(request, slug):
    coalition, members = _coalition(request, slug)
    if not permissions.can_use_workspace(request.user, members):
        raise PermissionDenied(_("Only the coalition's members use its workspace."))
    return coalition, members


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def workspace(request, slug):
    """The members' notes, newest first, and the shared draft as it stands."""
    coalition, members = _workspace(request, slug)
    form = NoteForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.post_note(coalition, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your note is posted."))
            return redirect("coalitions:workspace", slug=coalition.slug)
    return render(
        request,
        "coalitions/workspace.html",
        {
            "coalition": coalition,
            "members": [m for m in members if m.is_confirmed],
            "notes": queries.notes_of(coalition),
            "form": form,
            "errors": error_summary(form),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_edit(request, slug):
    """The shared draft: saved over the version the editor opened, else refused with their text kept."""
    coalition, _members = _workspace(request, slug)
    stale = False
    if request.method == "POST":
        form = DraftForm(request.POST)
        if form.is_valid():
            try:
                services.save_draft(
                    coalition,
                    by=request.user,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                )
            except services.StaleDraft as exc:
                # What was typed stays in the box; the next save goes over the version now shown.
                stale = True
                coalition.refresh_from_db()
                form = DraftForm({"text": form.cleaned_data["text"], "version": coalition.draft_version})
                form.is_valid()
                form.add_error(None, exc)
            else:
                messages.success(request, _("The shared draft is saved."))
                return redirect("coalitions:workspace", slug=coalition.slug)
    else:
        form = DraftForm(initial={"text": coalition.draft_text, "version": coalition.draft_version})
    return render(
        request,
        "coalitions/draft.html",
        {
            "coalition": coalition,
            "form": form,
            "stale": stale,
            "errors": error_summary(form),
        },
        status=409 if stale else 200,
    )
