"""Several codes in one column, "|1|5|23|": filterable with a plain LIKE on every database and
split without a join (the objectives, principles, regions and countries of pledges and practices)."""


def codes(values):
    values = [str(v) for v in values]
    return f"|{'|'.join(values)}|" if values else ""


def split_codes(value):
    return [v for v in (value or "").split("|") if v]
