"""`{% capture name %}…{% endcapture %}`: render once, use many times. The base layout puts its
`title` and `description` blocks inside one, so that a page overrides each block once and the
<title>, the meta description and the Open Graph tags all say the same."""

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Tags and runs of white space are noise in a title or a description. What is left was
        # escaped as the block rendered, so it must not be escaped again where it is used.
        text = self.nodelist.render(context)
        if "<" in text:  # strip_tags parses HTML: costly, and most titles hold no tag
            text = strip_tags(text)
        text = " ".join(text.split())
        context.dicts[0][self.name] = mark_safe(text)  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    try:
        _tag, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("capture takes one argument: the variable's name") from None
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)
