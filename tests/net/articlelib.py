"""Helpers of the --article net tests: the parts of the printed article."""


def body(out):
    """The article's body: after the header's blank line, up to "Links:"."""
    lines = out.split("\n")
    start = lines.index("") + 1
    end = lines.index("Links:") - 1 if "Links:" in lines else len(lines)
    return "\n".join(lines[start:end]).strip("\n")


def paragraphs(text):
    """Paragraphs (blank-line separated), white space collapsed."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
