"""What every Atom feed of the portal shares."""

from django.utils.feedgenerator import Atom1Feed


class PlainTextAtomFeed(Atom1Feed):
    """Atom with the summary as type="text": the portal's texts are plain text, and markup typed
    into one must show as typed, not run in a feed reader (Django writes type="html")."""

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})
