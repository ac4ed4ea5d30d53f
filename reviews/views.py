from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.downloads import SANDBOX, file_response
from core.forms import add_service_errors
from core.page_cache import public_page
from forums.models import Forum
from reviews import permissions, queries, services
from reviews.enums import SubmissionState
from reviews.forms import (
    ConsultationInputForm,
    NationalConsultationForm,
    NationalStatementForm,
    VoluntaryReviewForm,
)
from reviews.models import Consultation, ConsultationInput, NationalStatement, VoluntaryReview
from stakeholders.permissions import membership_of, state_focal_point_of, state_focal_point_required

# --- Public pages ----------------------------------------------------------------------------


@public_page
@require_safe
def consultation(request, pk):
    item = queries.consultation_page(pk)
    organization = permissions.input_organization(request.user, item)
    return render(
        request,
        "reviews/consultation.html",
        {"consultation": item, "inputs": item.published_inputs, "may_give_input": organization is not None},
    )


@public_page
@require_safe
def regional_review(request, pk):
    return render(request, "reviews/regional_review.html", {"review": queries.regional_review_page(pk)})


@require_safe
def outcome_document(request, pk):
    review = queries.regional_review_page(pk)
    return file_response(
        review.outcome_document,
        content_type="application/pdf",
        filename=f"regional-review-{review.commission.code.lower()}-{review.forum.year}.pdf",
        policy=SANDBOX,
    )


@require_safe
def review_document(request, pk, language):
    review = get_object_or_404(VoluntaryReview.objects.select_related("member_state", "forum"), pk=pk)
    public = review.is_public and review.forum.is_public
    if not (public or permissions.is_owner(request.user, review) or permissions.can_review(request.user)):
        raise Http404
    document = get_object_or_404(review.documents, language=language)
    return file_response(
        document.file,
        content_type="application/octet-stream" if document.extension != "pdf" else "application/pdf",
        filename=f"gcm-review-{review.member_state.iso3.lower()}-{review.forum.year}-{language}.{document.extension}",
        as_attachment=document.extension != "pdf",
        policy=SANDBOX,
    )


@require_safe
def statement_pdf(request, pk):
    statement = get_object_or_404(NationalStatement.objects.select_related("member_state", "forum"), pk=pk)
    if not permissions.can_view(request.user, statement):
        raise Http404
    return file_response(
        statement.pdf,
        content_type="application/pdf",
        filename=f"statement-{statement.member_state.iso3.lower()}-{statement.forum.year}.pdf",
        policy=SANDBOX,
    )


@require_safe
def input_attachment(request, pk):
    item = get_object_or_404(ConsultationInput.objects.select_related("organization"), pk=pk)
    if not permissions.can_view(request.user, item):
        raise Http404
    return file_response(
        item.attachment,
        content_type="application/octet-stream",
        filename=f"consultation-{item.consultation_id}-input-{item.pk}.{item.extension}",
        as_attachment=True,
        policy=SANDBOX,
    )


# --- Submitters' pages -----------------------------------------------------------------------


def _forums():
    return list(Forum.objects.public().order_by("-year"))


@login_required
@require_safe
def mine(request):
    """What the user submits: as a State's focal point its reviews and statements per forum; as an
    organisation's focal point its inputs and the consultations open to it."""
    focal_point = state_focal_point_of(request.user)
    membership = membership_of(request.user)
    if focal_point is None and (membership is None or not membership.is_focal_point):
        messages.info(
            request,
            _("Voluntary reviews and statements are submitted by the focal points of Member States, inputs to consultations by organisations' focal points."),
        )
        return redirect("portal:dashboard")
    context = {"focal_point": focal_point, "membership": membership}
    if focal_point is not None:
        reviews, statements = queries.submissions_of_state(focal_point.member_state)
        by_forum = {review.forum_id: review for review in reviews}
        statement_by_forum = {statement.forum_id: statement for statement in statements}
        context["national_consultations"] = list(
            Consultation.objects.filter(member_state=focal_point.member_state).select_related("forum").order_by("-deadline")
        )
        context["forums"] = [
            {
                "forum": forum,
                "review": by_forum.get(forum.pk),
                "statement": statement_by_forum.get(forum.pk),
            }
            for forum in _forums()
        ]
        for row in context["forums"]:
            for key in ("review", "statement"):
                if row[key] is not None:
                    row[f"{key}_changes"] = permissions.state_changes(request.user, row[key])
    if membership is not None and membership.is_focal_point:
        inputs = queries.inputs_of(membership.organization)
        for item in inputs:
            item.changes = permissions.state_changes(request.user, item)
        answered = {item.consultation_id for item in inputs}
        context["inputs"] = inputs
        context["open_consultations"] = [
            c for c in queries.open_consultations(timezone.localdate()) if c.pk not in answered
        ]
    return render(request, "reviews/mine.html", context)


@state_focal_point_required
def review_edit(request, focal_point, year):
    forum = get_object_or_404(Forum.objects.public(), year=year)
    review = VoluntaryReview.objects.filter(member_state=focal_point.member_state, forum=forum).first()
    if review is not None and not permissions.can_edit(request.user, review):
        messages.info(request, _("This review is with the secretariat or published: it can no longer be changed."))
        return redirect("reviews:mine")
    form = VoluntaryReviewForm(
        request.POST or None,
        request.FILES or None,
        instance=review,
        member_state=focal_point.member_state,
        forum=forum,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_voluntary_review(form.instance, form.documents(), by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Review saved. Submit it for review when it is complete."))
            return redirect("reviews:mine")
    return render(request, "reviews/review_form.html", {"form": form, "forum": forum, "review": review})


@state_focal_point_required
def statement_edit(request, focal_point, year):
    forum = get_object_or_404(Forum.objects.public(), year=year)
    statement = NationalStatement.objects.filter(member_state=focal_point.member_state, forum=forum).first()
    if statement is not None and not permissions.can_edit(request.user, statement):
        messages.info(request, _("This statement is with the secretariat or published: it can no longer be changed."))
        return redirect("reviews:mine")
    form = NationalStatementForm(
        request.POST or None,
        request.FILES or None,
        instance=statement,
        member_state=focal_point.member_state,
        forum=forum,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_national_statement(form.instance, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Statement saved. Submit it for review when it is complete."))
            return redirect("reviews:mine")
    no_programme_entry = not form.fields["statement"].queryset.exists() and statement is None
    return render(
        request,
        "reviews/statement_form.html",
        {"form": form, "forum": forum, "statement": statement, "no_programme_entry": no_programme_entry},
    )


@state_focal_point_required
def national_consultation_new(request, focal_point):
    form = NationalConsultationForm(request.POST or None, member_state=focal_point.member_state)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_national_consultation(form.instance, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("National consultation recorded: your review can now say it came from it."))
            return redirect("reviews:mine")
    return render(request, "reviews/national_consultation_form.html", {"form": form, "focal_point": focal_point})


@login_required
def input_edit(request, pk):
    item = get_object_or_404(Consultation.objects.public().select_related("forum"), pk=pk)
    organization = permissions.input_organization(request.user, item)
    if organization is None:
        raise PermissionDenied(_("Only focal points of organisations accredited to this forum can give input."))
    existing = ConsultationInput.objects.filter(consultation=item, organization=organization).first()
    if existing is not None and not permissions.can_edit(request.user, existing):
        messages.info(request, _("Your input is with the secretariat or published: it can no longer be changed."))
        return redirect("reviews:mine")
    if existing is None and not item.is_open():
        messages.error(request, _("This consultation is closed: input is no longer taken."))
        return redirect(item)
    form = ConsultationInputForm(request.POST or None, request.FILES or None, instance=existing)
    form.instance.consultation = item
    form.instance.organization = organization
    if request.method == "POST" and form.is_valid():
        try:
            services.save_input(form.instance, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Input saved. Submit it for review when it is complete."))
            return redirect("reviews:mine")
    return render(request, "reviews/input_form.html", {"form": form, "consultation": item, "existing": existing})


KINDS = {"review": VoluntaryReview, "statement": NationalStatement, "input": ConsultationInput}


@login_required
@require_POST
def change_state(request, kind, pk, state):
    model = KINDS.get(kind)
    if model is None or state not in SubmissionState.values:
        raise Http404
    obj = get_object_or_404(model, pk=pk)
    # Another State's or organisation's draft answers as one that does not exist.
    if not (permissions.is_owner(request.user, obj) or permissions.can_review(request.user)):
        raise Http404
    try:
        services.set_state(obj, state, by=request.user, reason=request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as exc:
        for message in getattr(exc, "messages", [str(exc)]):
            messages.error(request, message)
    else:
        messages.success(request, _("Now “%(state)s”.") % {"state": SubmissionState(state).label})
    return redirect("reviews:mine")
