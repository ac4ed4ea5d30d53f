"""Tagged PDF (PDF/UA-1) as WeasyPrint writes it, finished for §7.8: running heads and page
numbers are artifacts, not content.

WeasyPrint 70 marks the text of the @page margin boxes (the forum's name at the top, "3 / 12" at
the bottom) as content (`/Span <</MCID n>> BDC`) and builds structure elements for them that it
leaves out of the structure tree ("it could be included in tree as Artifact, but that's only
allowed in PDF 2.0", pdf/tags.py). A screen reader then meets content that belongs to no
structure, and PDF/UA-1 §7.8 wants pagination artifacts. `artifact_margins`, given to
write_pdf(finisher=...), turns exactly those marked sequences into `/Artifact` ones of the
pagination type; everything in the structure tree is left as it is."""


def _number(reference):
    return int(bytes(reference).split()[0])


def _reachable(pdf, root_reference):
    seen, stack = set(), [_number(root_reference)]
    while stack:
        number = stack.pop()
        if number in seen:
            continue
        seen.add(number)
        kids = pdf.objects[number].get("K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if isinstance(kid, bytes) and kid.endswith(b" R"):
                element = pdf.objects[_number(kid)]
                if element.get("Type") == "/StructElem":
                    stack.append(_number(kid))
    return seen


def artifact_margins(document, pdf):
    """The marked content that WeasyPrint left out of the structure tree, as artifacts."""
    root = pdf.objects[_number(pdf.catalog["StructTreeRoot"])]
    in_tree = _reachable(pdf, root["K"][0])
    nums = pdf.objects[_number(root["ParentTree"])]["Nums"]
    pages = pdf.page_references  # WeasyPrint's list, one reference per page
    for position in range(0, len(nums), 2):
        key, mapping = nums[position], nums[position + 1]
        if not isinstance(mapping, list) or key >= len(pages):
            continue  # an annotation's entry: a single reference
        outside = {mcid for mcid, reference in enumerate(mapping) if _number(reference) not in in_tree}
        if not outside:
            continue
        page = pdf.objects[_number(pages[key])]
        stream = pdf.objects[_number(page["Contents"])]
        _mark_as_artifacts(stream.stream, outside)


def _mark_as_artifacts(operations, mcids):
    for index, operation in enumerate(operations):
        if isinstance(operation, dict) and operation.get("MCID") in mcids and index:
            operations[index - 1] = "/Artifact"
            operation.clear()
            operation.update({"Type": "/Pagination"})
