"""The demo programme's texts in the other five languages, so that a newcomer opening /ar/ or
/zh-hans/ reads the demo forums in that language (staff would type these in the admin's
per-language fields)."""

LANGUAGES = ("fr", "es", "ar", "zh_hans", "ru")

TEXTS = {
    "International Migration Review Forum {year}": {
        "fr": "Forum d'examen des migrations internationales {year}",
        "es": "Foro de Examen de la Migración Internacional {year}",
        "ar": "منتدى استعراض الهجرة الدولية {year}",
        "zh_hans": "{year}年国际移民问题审查论坛",
        "ru": "Форум по обзору международной миграции {year} года",
    },
    " (provisional dates)": {
        "fr": " (dates provisoires)",
        "es": " (fechas provisionales)",
        "ar": " (مواعيد مؤقتة)",
        "zh_hans": "（暂定日期）",
        "ru": " (предварительные даты)",
    },
    "United Nations Headquarters, New York": {
        "fr": "Siège de l'Organisation des Nations Unies, New York",
        "es": "Sede de las Naciones Unidas, Nueva York",
        "ar": "مقر الأمم المتحدة، نيويورك",
        "zh_hans": "联合国总部，纽约",
        "ru": "Центральные учреждения Организации Объединенных Наций, Нью-Йорк",
    },
    "Demo data: speakers, co-chairs and rooms are illustrative.": {
        "fr": "Données de démonstration : les intervenants, les coprésidents et les salles sont fictifs.",
        "es": "Datos de demostración: los oradores, los copresidentes y las salas son ilustrativos.",
        "ar": "بيانات تجريبية: المتكلمون والرؤساء المشاركون والقاعات للتوضيح فقط.",
        "zh_hans": "演示数据：发言者、共同主席和会议室均为示意。",
        "ru": "Демонстрационные данные: ораторы, сопредседатели и залы условны.",
    },
    "Opening of the multi-stakeholder hearing": {
        "fr": "Ouverture de l'audition multipartite",
        "es": "Apertura de la audiencia de múltiples interesados",
        "ar": "افتتاح جلسة الاستماع المتعددة أصحاب المصلحة",
        "zh_hans": "多利益攸关方听证会开幕",
        "ru": "Открытие многосторонних слушаний",
    },
    "Hearing panel 1: Migrants' rights, inclusion and access to services": {
        "fr": "Audition, groupe 1 : droits des migrants, inclusion et accès aux services",
        "es": "Audiencia, mesa 1: derechos de los migrantes, inclusión y acceso a los servicios",
        "ar": "جلسة الاستماع، الفريق 1: حقوق المهاجرين والإدماج والحصول على الخدمات",
        "zh_hans": "听证会第1小组：移民的权利、包容和获得服务",
        "ru": "Слушания, группа 1: права мигрантов, интеграция и доступ к услугам",
    },
    "Hearing panel 2: Regular pathways, decent work and climate mobility": {
        "fr": "Audition, groupe 2 : voies de migration régulière, travail décent et mobilité climatique",
        "es": "Audiencia, mesa 2: vías de migración regular, trabajo decente y movilidad climática",
        "ar": "جلسة الاستماع، الفريق 2: مسارات الهجرة النظامية والعمل اللائق والتنقل المناخي",
        "zh_hans": "听证会第2小组：正常移民途径、体面工作和气候流动",
        "ru": "Слушания, группа 2: легальные пути миграции, достойный труд и климатическая мобильность",
    },
    "Closing of the multi-stakeholder hearing": {
        "fr": "Clôture de l'audition multipartite",
        "es": "Clausura de la audiencia de múltiples interesados",
        "ar": "اختتام جلسة الاستماع المتعددة أصحاب المصلحة",
        "zh_hans": "多利益攸关方听证会闭幕",
        "ru": "Закрытие многосторонних слушаний",
    },
    "Round table {number}": {
        "fr": "Table ronde {number}",
        "es": "Mesa redonda {number}",
        "ar": "المائدة المستديرة {number}",
        "zh_hans": "第{number}圆桌会议",
        "ru": "Круглый стол {number}",
    },
    "Interactive multi-stakeholder round table reviewing objectives {objectives} of the Global Compact. ": {
        "fr": "Table ronde multipartite interactive consacrée à l'examen des objectifs {objectives} du Pacte mondial. ",
        "es": "Mesa redonda interactiva de múltiples interesados que examina los objetivos {objectives} del Pacto Mundial. ",
        "ar": "مائدة مستديرة تفاعلية متعددة أصحاب المصلحة تستعرض الأهداف {objectives} من الاتفاق العالمي. ",
        "zh_hans": "互动式多利益攸关方圆桌会议，审查《全球契约》目标{objectives}。",
        "ru": "Интерактивный многосторонний круглый стол по обзору целей {objectives} Глобального договора. ",
    },
    "Policy debate": {
        "fr": "Débat d'orientation",
        "es": "Debate normativo",
        "ar": "مناقشة السياسات",
        "zh_hans": "政策辩论",
        "ru": "Дискуссия по вопросам политики",
    },
    "Opened by technical summaries of the four round tables. ": {
        "fr": "Ouvert par les résumés techniques des quatre tables rondes. ",
        "es": "Se abre con los resúmenes técnicos de las cuatro mesas redondas. ",
        "ar": "تُفتتح بالموجزات التقنية للموائد المستديرة الأربع. ",
        "zh_hans": "以四个圆桌会议的技术摘要开场。",
        "ru": "Открывается техническими резюме четырех круглых столов. ",
    },
    "Challenges in the implementation of the Global Compact, including links with the 2030 Agenda": {
        "fr": "Difficultés de mise en œuvre du Pacte mondial, y compris ses liens avec le Programme 2030",
        "es": "Dificultades en la aplicación del Pacto Mundial, incluidos sus vínculos con la Agenda 2030",
        "ar": "التحديات في تنفيذ الاتفاق العالمي، بما في ذلك الصلات بخطة عام 2030",
        "zh_hans": "执行《全球契约》的挑战，包括与《2030年议程》的联系",
        "ru": "Трудности в осуществлении Глобального договора, в том числе связь с Повесткой дня на период до 2030 года",
    },
    "The capacity-building mechanism": {
        "fr": "Le mécanisme de renforcement des capacités",
        "es": "El mecanismo de creación de capacidad",
        "ar": "آلية بناء القدرات",
        "zh_hans": "能力建设机制",
        "ru": "Механизм наращивания потенциала",
    },
    "Contemporary and emerging issues related to migration": {
        "fr": "Questions actuelles et nouvelles relatives aux migrations",
        "es": "Cuestiones actuales e incipientes relacionadas con la migración",
        "ar": "القضايا الراهنة والمستجدة المتصلة بالهجرة",
        "zh_hans": "与移民有关的当代和新出现的问题",
        "ru": "Современные и новые вопросы, связанные с миграцией",
    },
    "Guidance for the United Nations system on system-wide effectiveness and coherence": {
        "fr": "Orientations à l'intention du système des Nations Unies sur l'efficacité et la cohérence à l'échelle du système",
        "es": "Orientación para el sistema de las Naciones Unidas sobre la eficacia y la coherencia en todo el sistema",
        "ar": "توجيهات لمنظومة الأمم المتحدة بشأن الفعالية والاتساق على نطاق المنظومة",
        "zh_hans": "为联合国系统提供关于全系统有效性和一致性的指导",
        "ru": "Рекомендации системе Организации Объединенных Наций по общесистемной эффективности и согласованности",
    },
    "Plenary: opening segment": {
        "fr": "Séance plénière : segment d'ouverture",
        "es": "Sesión plenaria: segmento de apertura",
        "ar": "الجلسة العامة: الجزء الافتتاحي",
        "zh_hans": "全体会议：开幕部分",
        "ru": "Пленарное заседание: сегмент открытия",
    },
    "Plenary: general debate ({number})": {
        "fr": "Séance plénière : débat général ({number})",
        "es": "Sesión plenaria: debate general ({number})",
        "ar": "الجلسة العامة: المناقشة العامة ({number})",
        "zh_hans": "全体会议：一般性辩论（{number}）",
        "ru": "Пленарное заседание: общие прения ({number})",
    },
    "National statements, in which States may present their voluntary reviews. ": {
        "fr": "Déclarations nationales, au cours desquelles les États peuvent présenter leurs examens volontaires. ",
        "es": "Declaraciones nacionales, en las que los Estados pueden presentar sus exámenes voluntarios. ",
        "ar": "البيانات الوطنية، ويجوز للدول أن تعرض فيها استعراضاتها الطوعية. ",
        "zh_hans": "国家发言，各国可在发言中介绍其自愿审查。",
        "ru": "Национальные заявления, в которых государства могут представить свои добровольные обзоры. ",
    },
    "Plenary: closing segment and adoption of the Progress Declaration": {
        "fr": "Séance plénière : segment de clôture et adoption de la Déclaration sur les progrès",
        "es": "Sesión plenaria: segmento de clausura y aprobación de la Declaración sobre los Progresos",
        "ar": "الجلسة العامة: الجزء الختامي واعتماد إعلان التقدم المحرز",
        "zh_hans": "全体会议：闭幕部分和通过《进展宣言》",
        "ru": "Пленарное заседание: сегмент закрытия и принятие Декларации о прогрессе",
    },
    "Adoption of the intergovernmentally agreed Progress Declaration. ": {
        "fr": "Adoption de la Déclaration sur les progrès arrêtée au niveau intergouvernemental. ",
        "es": "Aprobación de la Declaración sobre los Progresos acordada a nivel intergubernamental. ",
        "ar": "اعتماد إعلان التقدم المحرز المتفق عليه على الصعيد الحكومي الدولي. ",
        "zh_hans": "通过经政府间商定的《进展宣言》。",
        "ru": "Принятие согласованной на межправительственном уровне Декларации о прогрессе. ",
    },
}

LIST_SEPARATOR = {"en": "; ", "fr": " ; ", "es": "; ", "ar": "؛ ", "zh_hans": "；", "ru": "; "}


def in_every_language(field, *parts, texts=TEXTS, **values):
    """`field` and its per-language columns for a text made of known `parts` ({name} filled in),
    translated from `texts` (the programme's by default; other apps' demos bring their own)."""
    columns = {field: "".join(parts).format(**values)}
    for language in LANGUAGES:
        columns[f"{field}_{language}"] = "".join(texts[part][language] for part in parts).format(**values)
    return columns
