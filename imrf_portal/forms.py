from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Django's form templates, each field wrapped in a div so that forms lay out one field a row."""

    field_template_name = "forms/field.html"
