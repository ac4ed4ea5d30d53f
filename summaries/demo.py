"""Demo summaries: two sessions of IMRF 2026 written, generated (HTML and PDF in six languages)
and published through the services staff use, so that a newcomer sees the post-forum journey end
to end. The texts are illustrative."""

import datetime

from django.db import transaction
from django.test.utils import override_settings

from forums.demo_i18n import in_every_language
from forums.models import Forum
from summaries import services
from summaries.enums import SummaryState
from summaries.models import Summary
from summaries.working_days import add_working_days

TEXTS = {
    "Regular pathways and decent work were the common thread: participants asked for skills partnerships that recognise qualifications before departure.": {
        "fr": "Les voies régulières et le travail décent ont été le fil conducteur : les participants ont demandé des partenariats de compétences qui reconnaissent les qualifications avant le départ.",
        "es": "Las vías regulares y el trabajo decente fueron el hilo conductor: los participantes pidieron alianzas de competencias que reconozcan las cualificaciones antes de la partida.",
        "ar": "كانت المسارات النظامية والعمل اللائق الخيط المشترك: طالب المشاركون بشراكات في المهارات تعترف بالمؤهلات قبل المغادرة.",
        "zh_hans": "正常途径和体面工作是贯穿始终的主线：与会者呼吁建立在出发前承认资历的技能伙伴关系。",
        "ru": "Общей темой стали легальные пути и достойный труд: участники призвали к партнёрствам в области навыков, признающим квалификацию до отъезда.",
    },
    "Speakers described fair recruitment schemes, portable social protection and the role of local governments in welcoming newcomers.": {
        "fr": "Les intervenants ont décrit des dispositifs de recrutement équitable, une protection sociale transférable et le rôle des autorités locales dans l’accueil des nouveaux arrivants.",
        "es": "Los oradores describieron programas de contratación equitativa, protección social transferible y el papel de los gobiernos locales en la acogida de los recién llegados.",
        "ar": "وصف المتكلمون برامج التوظيف العادل والحماية الاجتماعية القابلة للنقل ودور الحكومات المحلية في استقبال الوافدين الجدد.",
        "zh_hans": "发言者介绍了公平招聘计划、可转移的社会保护以及地方政府在接纳新来者方面的作用。",
        "ru": "Выступавшие рассказали о программах добросовестного найма, переносимой социальной защите и роли местных властей в приёме вновь прибывших.",
    },
    "Member States and stakeholders should pledge measurable steps on skills recognition and report on them before the next forum.": {
        "fr": "Les États membres et les parties prenantes devraient s’engager sur des mesures quantifiables en matière de reconnaissance des compétences et en rendre compte avant le prochain forum.",
        "es": "Los Estados Miembros y las partes interesadas deberían comprometerse con medidas cuantificables sobre el reconocimiento de competencias e informar al respecto antes del próximo foro.",
        "ar": "ينبغي للدول الأعضاء وأصحاب المصلحة التعهد بخطوات قابلة للقياس بشأن الاعتراف بالمهارات والإبلاغ عنها قبل المنتدى القادم.",
        "zh_hans": "会员国和利益攸关方应就技能认可作出可衡量的认捐，并在下届论坛之前报告进展。",
        "ru": "Государствам-членам и заинтересованным сторонам следует взять на себя измеримые обязательства по признанию навыков и отчитаться о них до следующего форума.",
    },
    "Civil society asked that migrants take part in the design of the policies that concern them, and that the data behind them be open.": {
        "fr": "La société civile a demandé que les migrants participent à l’élaboration des politiques qui les concernent et que les données qui les fondent soient ouvertes.",
        "es": "La sociedad civil pidió que los migrantes participen en el diseño de las políticas que les conciernen y que los datos en que se basan sean abiertos.",
        "ar": "طالب المجتمع المدني بأن يشارك المهاجرون في تصميم السياسات التي تعنيهم وبأن تكون البيانات التي تقوم عليها مفتوحة.",
        "zh_hans": "民间社会要求移民参与制定与其相关的政策，并公开这些政策所依据的数据。",
        "ru": "Гражданское общество призвало к участию мигрантов в разработке касающейся их политики и к открытости данных, на которых она основана.",
    },
    "Panels heard testimonies on access to services regardless of status, and on firewalls between services and immigration enforcement.": {
        "fr": "Les groupes ont entendu des témoignages sur l’accès aux services quel que soit le statut et sur la séparation entre les services et le contrôle de l’immigration.",
        "es": "Las mesas escucharon testimonios sobre el acceso a los servicios independientemente de la situación migratoria y sobre la separación entre los servicios y el control migratorio.",
        "ar": "استمعت الأفرقة إلى شهادات بشأن الحصول على الخدمات بغض النظر عن الوضع، وبشأن الفصل بين الخدمات وإنفاذ قوانين الهجرة.",
        "zh_hans": "各小组听取了关于不论身份均可获得服务、以及在服务与移民执法之间设立隔离的证词。",
        "ru": "Участники заслушали свидетельства о доступе к услугам независимо от статуса и о разделении услуг и иммиграционного контроля.",
    },
    "The rapporteur will carry these messages to the plenary; the Network invites stakeholders to turn them into pledges.": {
        "fr": "Le rapporteur portera ces messages en plénière ; le Réseau invite les parties prenantes à les traduire en engagements.",
        "es": "El relator llevará estos mensajes al pleno; la Red invita a las partes interesadas a convertirlos en promesas.",
        "ar": "سينقل المقرر هذه الرسائل إلى الجلسة العامة؛ وتدعو الشبكة أصحاب المصلحة إلى تحويلها إلى تعهدات.",
        "zh_hans": "报告员将把这些信息带到全体会议；网络邀请利益攸关方将其转化为认捐。",
        "ru": "Докладчик донесёт эти идеи до пленарного заседания; Сеть предлагает заинтересованным сторонам превратить их в обязательства.",
    },
}

NOTES = {
    "round-table-1": (
        "Regular pathways and decent work were the common thread: participants asked for skills partnerships that recognise qualifications before departure.",
        "Speakers described fair recruitment schemes, portable social protection and the role of local governments in welcoming newcomers.",
        "Member States and stakeholders should pledge measurable steps on skills recognition and report on them before the next forum.",
    ),
    "hearing-panel-1": (
        "Civil society asked that migrants take part in the design of the policies that concern them, and that the data behind them be open.",
        "Panels heard testimonies on access to services regardless of status, and on firewalls between services and immigration enforcement.",
        "The rapporteur will carry these messages to the plenary; the Network invites stakeholders to turn them into pledges.",
    ),
}
FIELDS = ("key_messages", "discussion", "recommendations")


def seed():
    """Write, generate and publish the demo summaries of IMRF 2026; returns them. A second run
    changes nothing (generation skips what it has already made)."""
    forum = Forum.objects.get(year=2026)
    services.ensure_summaries(forum)
    summaries = []
    for slug, texts in NOTES.items():
        summary = Summary.objects.get(session__forum=forum, session__slug=slug)
        columns = {}
        for field, text in zip(FIELDS, texts, strict=True):
            columns.update(in_every_language(field, text, texts=TEXTS))
        Summary.objects.filter(pk=summary.pk).update(**columns)
        services.generate(summary.pk)
        services.generate_translations(summary.pk)
        summaries.append(summary)
    # The demo's delegates have example.org addresses: their mail is kept, not printed or sent.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        with transaction.atomic():
            published_now = Summary.objects.filter(
                session__forum=forum, state=SummaryState.READY, published_at__isnull=True
            ).values_list("pk", flat=True)
            published_now = list(published_now)
            services.publish(forum, by=None)
            # Illustrative: distributed on the seventh working day after the forum, as the rules
            # allow, rather than on the day someone runs the demo.
            distributed = add_working_days(forum.end_date, 7, services.holidays_around(forum))
            Summary.objects.filter(pk__in=published_now).update(
                published_at=datetime.datetime.combine(distributed, datetime.time(17), tzinfo=forum.tz)
            )
    return summaries
