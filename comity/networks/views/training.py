"""The pages of a network's training: courses, their sessions, materials, trainers and trainees,
the attendance grid, certificates of attendance and the evaluation form and results.

Courses are seen by the people of the network's member States and its secretariat, run by the
secretariat; a course out of reach is a 404. Forms that fail are shown again with what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comity.casework.charts import Bar, bar_chart
from comity.core import access, languages
from comity.directory.models import Network
from comity.library.models import Document
from comity.networks import certificates, training
from comity.networks import training_selectors as selectors
from comity.networks.training_forms import (
    AttendanceForm,
    CourseForm,
    EnrolmentForm,
    ImportForm,
    MaterialForm,
    SessionForm,
)
from comity.networks.training_forms import EvaluationForm as EvaluationPageForm

CHANGE = access.Permission.CHANGE


def _managed(request, pk):
    return selectors.course_for(request.user, pk, CHANGE)


def _show_errors(form, errors) -> None:
    for error in errors:
        name = error["field"].split(".")[0]
        form.add_error(name if name in form.fields else None, error["message"])


# --- Courses --------------------------------------------------------------------------------------


@login_required
@require_GET
def course_list(request):
    code = request.GET.get("network", "")[:32]
    network = Network.objects.filter(code=code).first() if code else None
    return render(
        request,
        "networks/training/course_list.html",
        {
            "courses": selectors.courses(request.user, network=network),
            "networks": selectors.course_networks(request.user),
            "network": network,
            "can_create": bool(selectors.managed_networks(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_new(request):
    networks = selectors.managed_networks(request.user)
    if not networks and not access.is_site_admin(request.user):
        raise Http404
    by_code = {n.code: n for n in networks}
    if request.method != "POST":
        initial = {"language": languages.supported(get_language())}
        if len(networks) == 1:
            initial["network"] = networks[0].code
        return _course_form(request, CourseForm(initial=initial, networks=networks))
    form = CourseForm(request.POST, networks=networks)
    if not form.is_valid():
        return _course_form(request, form, status=400)
    network = by_code.get(form.cleaned_data.get("network") or "")
    if network is None and not access.is_site_admin(request.user):
        form.add_error("network", _("Choose the network whose secretariat you belong to."))
        return _course_form(request, form, status=400)
    try:
        course = training.create_course(
            network=network, data=form.data_for_service(), actor=request.user
        )
    except training.TrainingInputError as exc:
        _show_errors(form, exc.errors)
        return _course_form(request, form, status=400)
    messages.success(request, _("The course was created. Add its sessions and participants."))
    return redirect(course)


def _course_form(request, form, *, course=None, status=200):
    return render(
        request,
        "networks/training/course_form.html",
        {"form": form, "course": course},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, pk):
    course = _managed(request, pk)
    if request.method != "POST":
        initial = {
            "title": course.title,
            "description": course.description,
            "language": course.language,
            "hours": course.hours,
            "is_example": course.is_example,
        }
        return _course_form(request, CourseForm(initial=initial, with_network=False), course=course)
    form = CourseForm(request.POST, with_network=False)
    if not form.is_valid():
        return _course_form(request, form, course=course, status=400)
    try:
        training.update_course(course=course, data=form.data_for_service(), actor=request.user)
    except training.TrainingInputError as exc:
        _show_errors(form, exc.errors)
        return _course_form(request, form, course=course, status=400)
    messages.success(request, _("Saved."))
    return redirect(course)


@login_required
@require_GET
def course(request, pk):
    course = selectors.course_for(request.user, pk)
    managing = training.may_manage(request.user, course.network)
    sessions, rows = selectors.attendance_grid(course)
    enrolments = selectors.enrolments(course)
    own = [e for e in enrolments if e.user_id == request.user.pk]
    return render(
        request,
        "networks/training/course.html",
        {
            "course": course,
            "managing": managing,
            "sessions": sessions,
            "rows": rows,
            "trainers": [e for e in enrolments if e.role == "trainer"],
            "trainees": [e for e in enrolments if e.role == "trainee"],
            "own": own,
            "materials": Document.objects.restrict(request.user)
            .filter(pk__in=course.materials.values("pk"))
            .order_by("title"),
            "hidden_materials": course.materials.exclude(
                pk__in=Document.objects.restrict(request.user).values("pk")
            ).count(),
            "material_form": MaterialForm(),
            "can_evaluate": bool(
                selectors.evaluable_enrolments(request.user, course, managing=managing)
            ),
            "evaluations": course.evaluations.count(),
            "languages": languages.LANGUAGES,
        },
    )


# --- Sessions and materials -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def course_session_new(request, pk):
    course = _managed(request, pk)
    if request.method != "POST":
        form = SessionForm(initial={"title": course.title, "time_zone": "UTC"})
        return _session_form(request, course, form)
    form = SessionForm(request.POST)
    if not form.is_valid():
        return _session_form(request, course, form, status=400)
    try:
        training.add_session(course=course, actor=request.user, **form.cleaned_data)
    except training.TrainingInputError as exc:
        _show_errors(form, exc.errors)
        return _session_form(request, course, form, status=400)
    messages.success(request, _("The session was added."))
    return redirect(course)


def _session_form(request, course, form, status=200):
    return render(
        request,
        "networks/training/session_form.html",
        {"course": course, "form": form},
        status=status,
    )


@login_required
@require_POST
def course_materials(request, pk):
    course = _managed(request, pk)
    form = MaterialForm(request.POST)
    if form.is_valid():
        try:
            document = training.add_material(
                course=course, document_id=form.cleaned_data["document"], actor=request.user
            )
        except training.TrainingInputError as exc:
            _show_errors(form, exc.errors)
        else:
            messages.success(
                request, _("“%(title)s” is now a material of the course.") % {"title": document}
            )
            return redirect(course)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(course)


@login_required
@require_POST
def course_material_remove(request, pk, document_pk):
    course = _managed(request, pk)
    training.remove_material(course=course, document_id=document_pk, actor=request.user)
    messages.success(request, _("The material was removed from the course."))
    return redirect(course)


# --- Enrolments -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def course_enrol(request, pk):
    course = _managed(request, pk)
    if request.method != "POST":
        return _enrol_form(request, course, EnrolmentForm(initial={"role": "trainee"}))
    form = EnrolmentForm(request.POST)
    if not form.is_valid():
        return _enrol_form(request, course, form, status=400)
    data = form.cleaned_data
    try:
        enrolment = training.enrol(
            course=course,
            actor=request.user,
            role=data["role"],
            name=data["name"],
            email=data["email"],
            authority=data["authority"],
            country=data["country"],
            user=data["user_email"],
        )
    except training.TrainingInputError as exc:
        _show_errors(form, exc.errors)
        return _enrol_form(request, course, form, status=400)
    messages.success(request, _("%(name)s was enrolled.") % {"name": enrolment.name})
    if "another" in request.POST:
        return redirect("networks:course_enrol", course.pk)
    return redirect(course)


def _enrol_form(request, course, form, status=200):
    return render(
        request,
        "networks/training/enrolment_form.html",
        {"course": course, "form": form},
        status=status,
    )


@login_required
@require_POST
def course_enrolment_remove(request, pk, enrolment_pk):
    course = _managed(request, pk)
    enrolment = selectors.enrolment_for(course, enrolment_pk)
    training.remove_enrolment(enrolment=enrolment, actor=request.user)
    messages.success(request, _("%(name)s was removed from the course.") % {"name": enrolment.name})
    return redirect(course)


@login_required
@require_http_methods(["GET", "POST"])
def course_import(request, pk):
    course = _managed(request, pk)
    errors, form = [], ImportForm()
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                text = form.cleaned_data["file"].read().decode("utf-8-sig")
                created = training.import_enrolments(course=course, text=text, actor=request.user)
            except UnicodeDecodeError:
                errors = [{"row": 0, "field": "file", "message": _("The file must be UTF-8 text.")}]
            except training.TrainingInputError as exc:
                errors = exc.errors
            else:
                messages.success(
                    request, _("%(count)d people were enrolled.") % {"count": len(created)}
                )
                return redirect(course)
    status = 400 if errors or form.errors else 200
    return render(
        request,
        "networks/training/import.html",
        {"course": course, "form": form, "errors": errors},
        status=status,
    )


# --- Attendance -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def course_attendance(request, pk):
    course = _managed(request, pk)
    sessions, rows = selectors.attendance_grid(course)
    if request.method == "POST":
        form = AttendanceForm(request.POST, rows=rows, sessions=sessions)
        if form.is_valid():
            try:
                changed = training.record_attendance(
                    course=course, marks=form.marks(), actor=request.user
                )
            except training.TrainingInputError as exc:
                _show_errors(form, exc.errors)
            else:
                messages.success(
                    request, _("Attendance saved: %(n)d marks changed.") % {"n": changed}
                )
                return redirect("networks:course_attendance", course.pk)
        status = 400
    else:
        form, status = AttendanceForm(rows=rows, sessions=sessions), 200
    return render(
        request,
        "networks/training/attendance.html",
        {"course": course, "sessions": sessions, "form": form},
        status=status,
    )


# --- Certificates ---------------------------------------------------------------------------------


def _language(request) -> str:
    return languages.supported(request.GET.get("lang") or get_language())


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
@require_GET
def course_certificate(request, pk, enrolment_pk):
    course = selectors.course_for(request.user, pk)
    enrolment = selectors.enrolment_for(course, enrolment_pk)
    if not (
        training.may_manage(request.user, course.network) or enrolment.user_id == request.user.pk
    ):
        raise Http404
    language = _language(request)
    try:
        data = certificates.certificate_pdf(enrolment, language=language)
    except certificates.NoAttendance as exc:
        messages.error(request, str(exc))
        return redirect(course)
    return _pdf(data, certificates.file_name(enrolment, language))


@login_required
@require_GET
def course_certificates(request, pk):
    course = _managed(request, pk)
    language = _language(request)
    try:
        data = certificates.course_certificates_pdf(course, language=language)
    except certificates.NoAttendance as exc:
        messages.error(request, str(exc))
        return redirect(course)
    return _pdf(data, f"certificates-TRN-{course.pk}-{language}.pdf")


# --- Evaluations ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def course_evaluate(request, pk):
    course = selectors.course_for(request.user, pk)
    managing = training.may_manage(request.user, course.network)
    enrolments = selectors.evaluable_enrolments(request.user, course, managing=managing)
    if not enrolments and not managing:
        raise Http404
    form = EvaluationPageForm(request.POST or None, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        enrolment = get_object_or_404(course.enrolments, pk=form.cleaned_data["enrolment"])
        try:
            training.submit_evaluation(
                course=course,
                enrolment=enrolment,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                actor=request.user,
            )
        except training.TrainingInputError as exc:
            _show_errors(form, exc.errors)
        else:
            messages.success(request, _("Thank you: the evaluation was recorded."))
            return redirect(course)
    return render(
        request,
        "networks/training/evaluation_form.html",
        {"course": course, "form": form, "managing": managing, "enrolments": enrolments},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def course_results(request, pk):
    course = selectors.course_for(request.user, pk)
    summary = selectors.evaluation_summary(course)
    rtl = languages.supported(get_language()) in languages.RTL_CODES
    answered = [q for q in summary.questions if q.answers]
    chart = bar_chart(
        [Bar(q.label, float(q.mean), f"{q.mean} (n={q.answers})") for q in answered],
        title=_("Mean score per question, from 1 (poor) to 5 (excellent)"),
        rtl=rtl,
    )
    return render(
        request,
        "networks/training/results.html",
        {"course": course, "summary": summary, "chart": chart, "scale": range(1, 6)},
    )
