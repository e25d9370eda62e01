"""Overtypes a translation sheet (speca-docs translate export --format docx) as a translator does
in Word: the last text of every unit's box gets " RU" after it, the boxes and marks kept."""
import sys
import docx
from docx.oxml.ns import qn

path = sys.argv[1]
document = docx.Document(path)
body = document.element.body
for sdt in body.iter(qn("w:sdt")):
    pr = sdt.find(qn("w:sdtPr"))
    tag = pr.find(qn("w:tag")) if pr is not None else None
    if tag is None or not tag.get(qn("w:val"), "").startswith("u"):
        continue
    texts = [t for t in sdt.iter(qn("w:t"))]
    # the first text not inside a locked code box
    for t in reversed(texts):
        parent_sdt = t.getparent()
        locked = False
        node = t
        while node is not None and node is not sdt:
            if node.tag == qn("w:sdt"):
                p = node.find(qn("w:sdtPr"))
                if p is not None and p.find(qn("w:lock")) is not None:
                    locked = True
            node = node.getparent()
        if not locked and t.text and t.text.strip():
            t.text = t.text + " RU"
            break
document.save(path)
