from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import open_data
from core.cors import allow_any_origin
from core.downloads import file_response
from core.forms import add_service_errors
from core.page_cache import public_page
from forums.models import Forum
from stakeholders import exports, queries, services
from stakeholders.enums import (
    AccreditationState,
    DelegateState,
    JoinRequestState,
    MembershipRole,
    NominationState,
    SpeakingRequestState,
)
from stakeholders.filters import DIRECTORY_PARAMS
from stakeholders.forms import (
    DelegateForm,
    InvitationForm,
    JoinRequestForm,
    NominationForm,
    ObjectionForm,
    OrganizationForm,
    RegistrationForm,
    SpeakingRequestForm,
    SpecialAccreditationForm,
)
from stakeholders.models import (
    Accreditation,
    Delegate,
    Invitation,
    JoinRequest,
    Membership,
    Nomination,
    Objection,
    Organization,
    SpeakingRequest,
)
from stakeholders.permissions import (
    is_focal_point,
    is_forum_participant,
    member_required,
    membership_of,
    require_manage_organization,
    state_focal_point_required,
)
from stakeholders.validators import logo_content_type

# --- Public directory ------------------------------------------------------------------------


@public_page(params=DIRECTORY_PARAMS)
@require_safe
def directory(request):
    forum, organizations, directory_filter = queries.directory(request.GET)
    return render(
        request,
        "stakeholders/directory.html",
        {"forum": forum, "filter": directory_filter, "organizations": organizations},
    )


@allow_any_origin
@require_safe
def directory_csv(request):
    """The directory as open data: every listed organisation accredited to a public forum."""
    return open_data.csv_response(
        exports.DIRECTORY_COLUMNS, exports.directory_records(), filename="imrf-organizations.csv"
    )


@allow_any_origin
@require_safe
def directory_json(request):
    top = open_data.head(
        dataset="organizations", source="/organizations/", schema="/open-data/organizations.schema.json"
    )
    return open_data.json_response(
        top, "organizations", exports.directory_records(), filename="imrf-organizations.json"
    )


@require_safe
def organization_logo(request, slug):
    organization, _accreditations, _delegates = queries.public_organization(slug)
    content_type = logo_content_type(organization.public_logo) if organization.public_logo else None
    if content_type is None:
        raise Http404
    return file_response(
        organization.logo, content_type=content_type, filename=f"{organization.slug}-logo", policy="default-src 'none'"
    )


# --- Dashboard and organisation --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request):
    if membership_of(request.user) is not None:
        messages.info(request, _("You already belong to an organisation."))
        return redirect("portal:dashboard")
    form = OrganizationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.create_organization(request.user, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is on the portal; you are its focal point.") % {"name": organization.name},
            )
            return redirect("portal:dashboard")
    return render(request, "stakeholders/organization_form.html", {"form": form, "creating": True})


@member_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, membership):
    organization = membership.organization
    if request.method == "POST":
        require_manage_organization(request.user, membership.organization)
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=organization)
    if not is_focal_point(membership):
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        services.update_organization(form, by=request.user)
        messages.success(request, _("The profile is saved."))
        return redirect("stakeholders:organization_edit")
    return render(
        request,
        "stakeholders/organization_form.html",
        {"form": form, "creating": False, "can_manage": is_focal_point(membership), "organization": organization},
    )


@member_required
@require_safe
def members(request, membership):
    organization = membership.organization
    return render(
        request,
        "stakeholders/members.html",
        {
            "membership": membership,
            "can_manage": is_focal_point(membership),
            "members": organization.memberships.select_related("user").order_by("role", "joined_at"),
            "invitations": organization.invitations.filter(accepted_at__isnull=True),
            "join_requests": organization.join_requests.filter(state=JoinRequestState.PENDING).select_related(
                "user"
            ),
            "invitation_form": InvitationForm(),
        },
    )


@member_required
@require_POST
def invite(request, membership):
    require_manage_organization(request.user, membership.organization)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invite(membership.organization, form.cleaned_data["email"], by=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
    else:
        messages.error(
            request, _("Enter a valid e-mail address: %(value)s") % {"value": request.POST.get("email", "")}
        )
    return redirect("stakeholders:members")


@member_required
@require_POST
def member_change(request, membership, pk):
    require_manage_organization(request.user, membership.organization)
    target = get_object_or_404(Membership, pk=pk, organization=membership.organization)
    action = request.POST.get("action")
    try:
        if action == "make_focal_point":
            services.set_member_role(target, MembershipRole.FOCAL_POINT, by=request.user)
        elif action == "make_member":
            services.set_member_role(target, MembershipRole.MEMBER, by=request.user)
        elif action == "remove":
            services.remove_member(target, by=request.user)
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Members updated."))
    return redirect("stakeholders:members")


@member_required
@require_POST
def join_request_decide(request, membership, pk):
    require_manage_organization(request.user, membership.organization)
    join_request = get_object_or_404(JoinRequest, pk=pk, organization=membership.organization)
    try:
        services.decide_join_request(join_request, accept=request.POST.get("accept") == "1", by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("stakeholders:members")


@login_required
@require_safe
def join_search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = (
        Organization.objects.filter(name__icontains=query).select_related("country")[:50] if query else []
    )
    return render(request, "stakeholders/join_search.html", {"query": query, "results": results})


@login_required
@require_http_methods(["GET", "POST"])
def join_request(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_to_join(organization, request.user, form.cleaned_data["message"])
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(
                request,
                _("Your request was sent to the focal points of %(name)s.") % {"name": organization.name},
            )
            return redirect("portal:dashboard")
    return render(request, "stakeholders/join_request.html", {"organization": organization, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("organization"), token=token)
    error = None
    if request.method == "POST":
        try:
            services.accept_invitation(invitation, request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Welcome to %(name)s.") % {"name": invitation.organization.name})
            return redirect("portal:dashboard")
    expired = services.invitation_expired_message(invitation) if invitation.is_expired else None
    return render(
        request,
        "stakeholders/accept_invitation.html",
        {"invitation": invitation, "error": None if error == expired else error, "expired": expired},
    )


# --- Accreditation ------------------------------------------------------------------------------


@member_required
@require_http_methods(["GET", "POST"])
def accreditation(request, membership, year):
    forum = get_object_or_404(Forum.objects.public(), year=year)
    organization = membership.organization
    existing = Accreditation.objects.filter(organization=organization, forum=forum).first()
    if existing is not None:
        return _accreditation_status(request, membership, existing)
    registers = organization.registers_directly or organization.claims_status
    form_class = RegistrationForm if registers else SpecialAccreditationForm
    form = form_class(request.POST or None)
    if request.method == "POST":
        require_manage_organization(request.user, membership.organization)
        if form.is_valid():
            try:
                if registers:
                    services.register_for_forum(
                        organization, forum, by=request.user, contact_email=form.cleaned_data["contact_email"]
                    )
                else:
                    services.apply_for_special_accreditation(
                        organization, forum, by=request.user, **form.cleaned_data
                    )
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(request, _("Your request is recorded."))
                return redirect("stakeholders:accreditation", year=year)
    return render(
        request,
        "stakeholders/accreditation_form.html",
        {
            "forum": forum,
            "form": form,
            "organization": organization,
            "can_manage": is_focal_point(membership),
            "is_open": services.accreditation_open(forum),
        },
    )


def _accreditation_status(request, membership, accreditation):
    form = None
    if accreditation.state == AccreditationState.INFORMATION_REQUESTED and is_focal_point(membership):
        form = SpecialAccreditationForm(request.POST or None, instance=accreditation)
        if request.method == "POST" and form.is_valid():
            form.save()
            services.set_accreditation_state(
                accreditation,
                AccreditationState.SUBMITTED,
                by=request.user,
                reason=_("Application completed and submitted again."),
            )
            messages.success(request, _("Your application is submitted again."))
            return redirect("stakeholders:accreditation", year=accreditation.forum.year)
    elif request.method == "POST":
        raise Http404
    labels = dict(AccreditationState.choices)
    history = list(services.accreditation_history(accreditation).select_related("actor"))
    for entry in history:
        entry.old_label = labels.get(entry.old_state, entry.old_state)
        entry.new_label = labels.get(entry.new_state, entry.new_state)
    return render(
        request,
        "stakeholders/accreditation_status.html",
        {
            "accreditation": accreditation,
            "forum": accreditation.forum,
            "form": form,
            "history": history,
            "next_step": services.next_step(accreditation),
            "can_manage": is_focal_point(membership),
            "can_withdraw": AccreditationState.WITHDRAWN
            in AccreditationState.valid_next_states()[accreditation.state],
        },
    )


@member_required
@require_POST
def accreditation_withdraw(request, membership, year):
    require_manage_organization(request.user, membership.organization)
    accreditation = get_object_or_404(Accreditation, organization=membership.organization, forum__year=year)
    try:
        services.set_accreditation_state(
            accreditation,
            AccreditationState.WITHDRAWN,
            by=request.user,
            reason=request.POST.get("reason", "")[:1000],
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("stakeholders:accreditation", year=year)


# --- The forum's list of participants ---------------------------------------------------------


@require_safe
def participants(request, year):
    """Not a cached public page: what a visitor sees depends on who they are."""
    forum = get_object_or_404(Forum.objects.public(), year=year)
    participant = is_forum_participant(request.user, forum)
    page = queries.participants(forum, participant=participant, page_number=request.GET.get("page"))
    return render(
        request,
        "stakeholders/participants.html",
        {"forum": forum, "delegates": page, "participant": participant},
    )


# --- Delegates and speaking requests ---------------------------------------------------------


def _approved_accreditation(membership, year):
    accreditation = (
        Accreditation.objects.select_related("forum")
        .filter(organization=membership.organization, forum__year=year)
        .first()
    )
    if accreditation is None:
        raise Http404
    return accreditation


@member_required
@require_http_methods(["GET", "POST"])
def delegates(request, membership, year):
    accreditation = _approved_accreditation(membership, year)
    form = DelegateForm(request.POST or None, request.FILES or None, forum=accreditation.forum)
    if request.method == "POST" and form.is_valid():
        try:
            delegate = services.register_delegate(accreditation, form, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(
                request, _("%(name)s is registered; the secretariat will confirm.") % {"name": delegate.name}
            )
            return redirect("stakeholders:delegates", year=year)
    registered = accreditation.delegates.order_by("state", "name")
    return render(
        request,
        "stakeholders/delegates.html",
        {
            "accreditation": accreditation,
            "forum": accreditation.forum,
            "form": form,
            "delegates": registered,
            "places_taken": sum(1 for d in registered if d.state in DelegateState.counted()),
            "is_open": services.delegate_registration_open(accreditation.forum),
            "retention_days": settings.DELEGATE_PERSONAL_DATA_RETENTION_DAYS,
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def delegate_withdraw(request, membership, year, pk):
    """GET asks for confirmation (a page, so that it works without JavaScript); POST withdraws."""
    delegate = get_object_or_404(
        Delegate.objects.select_related("accreditation__forum"),
        pk=pk,
        accreditation__organization=membership.organization,
        accreditation__forum__year=year,
    )
    if request.method == "GET":
        return render(
            request,
            "stakeholders/delegate_withdraw.html",
            {"delegate": delegate, "forum": delegate.accreditation.forum},
        )
    try:
        services.set_delegate_state(delegate, DelegateState.WITHDRAWN, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("%(name)s is withdrawn; the place is free and the same person may be registered again.")
            % {"name": delegate.name},
        )
    return redirect("stakeholders:delegates", year=year)


@member_required
@require_http_methods(["GET", "POST"])
def speaking_requests(request, membership, year):
    accreditation = _approved_accreditation(membership, year)
    form = SpeakingRequestForm(request.POST or None, forum=accreditation.forum)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_speaking_request(accreditation, form, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Your speaking request is submitted."))
            return redirect("stakeholders:speaking_requests", year=year)
    return render(
        request,
        "stakeholders/speaking_requests.html",
        {
            "accreditation": accreditation,
            "forum": accreditation.forum,
            "form": form,
            "requests": accreditation.speaking_requests.select_related("session").order_by(
                "session__starts_at", "submitted_at"
            ),
            "is_open": services.speaking_requests_open(accreditation.forum),
        },
    )


SPEAKER_ANSWERS = {"confirm": SpeakingRequestState.CONFIRMED, "decline": SpeakingRequestState.DECLINED}


@member_required
@require_POST
def speaking_request_answer(request, membership, year, pk):
    """The selected speaker's organisation confirms that its speaker takes the floor, or declines."""
    speaking_request = get_object_or_404(
        SpeakingRequest.objects.select_related("accreditation__organization", "session"),
        pk=pk,
        accreditation__organization=membership.organization,
        accreditation__forum__year=year,
    )
    answer = SPEAKER_ANSWERS.get(request.POST.get("answer", ""))
    if answer is None:
        return HttpResponseBadRequest(_("Answer “confirm” or “decline”."))
    try:
        services.set_speaking_request_state(speaking_request, answer, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        if answer == SpeakingRequestState.CONFIRMED:
            messages.success(
                request, _("%(name)s is confirmed as a speaker.") % {"name": speaking_request.speaker_name}
            )
        else:
            messages.success(
                request,
                _("You declined the place for %(name)s; the secretariat may offer it to another organisation.")
                % {"name": speaking_request.speaker_name},
            )
    return redirect("stakeholders:speaking_requests", year=year)


@member_required
@require_POST
def speaking_request_withdraw(request, membership, year, pk):
    speaking_request = get_object_or_404(
        SpeakingRequest,
        pk=pk,
        accreditation__organization=membership.organization,
        accreditation__forum__year=year,
    )
    try:
        services.set_speaking_request_state(speaking_request, SpeakingRequestState.WITHDRAWN, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("stakeholders:speaking_requests", year=year)


@member_required
@require_http_methods(["GET", "POST"])
def nominations(request, membership, year):
    accreditation = _approved_accreditation(membership, year)
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.nominate(accreditation, form, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(
                request,
                _("%(name)s is nominated as “%(call)s”.")
                % {"name": nomination.nominee_name, "call": nomination.get_role_display()},
            )
            return redirect("stakeholders:nominations", year=year)
    return render(
        request,
        "stakeholders/nominations.html",
        {
            "accreditation": accreditation,
            "forum": accreditation.forum,
            "form": form,
            "nominations": accreditation.nominations.order_by("role", "submitted_at"),
            "is_open": services.nominations_open(accreditation.forum),
        },
    )


# --- Member States' objections ------------------------------------------------------------------


@state_focal_point_required
@require_safe
def non_objection_list(request, focal_point, year):
    forum = get_object_or_404(Forum.objects.public(), year=year)
    period = services.non_objection_period(forum)
    entries = []
    if period.is_open:
        entries = list(queries.non_objection_list(forum, focal_point.member_state))
        for accreditation in entries:
            accreditation.standing_objection = queries.standing_objection(accreditation)
    return render(
        request,
        "stakeholders/non_objection_list.html",
        {"forum": forum, "period": period, "entries": entries, "member_state": focal_point.member_state},
    )


def _listed_accreditation(focal_point, year, pk):
    accreditation = (
        queries.non_objection_list(get_object_or_404(Forum.objects.public(), year=year), focal_point.member_state)
        .filter(pk=pk)
        .first()
    )
    if accreditation is None:
        raise Http404
    return accreditation


@state_focal_point_required
@require_http_methods(["GET", "POST"])
def objection(request, focal_point, year, pk):
    accreditation = _listed_accreditation(focal_point, year, pk)
    period = services.non_objection_period(accreditation.forum)
    standing = queries.standing_objection(accreditation)
    form = ObjectionForm(request.POST or None) if standing is None else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Your State has already objected to this organisation."))
            return redirect("stakeholders:objection", year=year, pk=pk)
        if form.is_valid():
            try:
                services.record_objection(
                    accreditation, focal_point.member_state, by=request.user, note=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(
                    request,
                    _("The objection of %(state)s to %(organization)s is recorded.")
                    % {"state": focal_point.member_state.name, "organization": accreditation.organization.name},
                )
                return redirect("stakeholders:non_objection_list", year=year)
    return render(
        request,
        "stakeholders/objection.html",
        {
            "accreditation": accreditation,
            "organization": accreditation.organization,
            "forum": accreditation.forum,
            "period": period,
            "standing": standing,
            "form": form,
            "member_state": focal_point.member_state,
        },
    )


@member_required
@require_POST
def nomination_withdraw(request, membership, year, pk):
    nomination = get_object_or_404(
        Nomination, pk=pk, accreditation__organization=membership.organization, accreditation__forum__year=year
    )
    try:
        services.set_nomination_state(nomination, NominationState.WITHDRAWN, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The nomination of %(name)s is withdrawn.") % {"name": nomination.nominee_name})
    return redirect("stakeholders:nominations", year=year)


@state_focal_point_required
@require_POST
def objection_withdraw(request, focal_point, year, pk):
    # Another State's objection is not found: a State sees and changes only its own.
    objection = get_object_or_404(
        Objection.objects.select_related("accreditation__forum", "accreditation__organization", "member_state"),
        pk=pk,
        member_state=focal_point.member_state,
        accreditation__forum__year=year,
    )
    try:
        services.withdraw_objection(objection, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("The objection to %(organization)s is withdrawn.")
            % {"organization": objection.accreditation.organization.name},
        )
    return redirect("stakeholders:non_objection_list", year=year)
