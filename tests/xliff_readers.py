"""Reads XLIFF files as independent readers do: validates each against the OASIS XLIFF 2.0
core schema (tests/schemas/xliff, which XLIFF 2.1 keeps) with lxml, and reads it with
translate-toolkit's XLIFF 2 store. Prints, per file, its unit count and each unit's id and
source text, one per line (`<file>\t<count>` then `<id>\t<source>`); exits 1 on the first
invalid file."""

import sys
import warnings
from pathlib import Path

from lxml import etree
from translate.storage import xliff2

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "xliff"


class LocalXmlXsd(etree.Resolver):
    """The schema imports the W3C xml.xsd by the OASIS package's path; the copy is beside it."""

    def resolve(self, url, pubid, context):
        if url.endswith("xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


def schema():
    parser = etree.XMLParser()
    parser.resolvers.add(LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff_core_2.0.xsd"), parser))


def main(paths):
    # translate-toolkit's own lxml deprecation warnings are not the files' problems.
    warnings.simplefilter("ignore", FutureWarning)
    core = schema()
    for path in paths:
        # The schema names version 2.0; a 2.1 file is a 2.0 file to the core schema.
        document = etree.parse(path)
        document.getroot().set("version", "2.0")
        if not core.validate(document):
            print(f"{path}: invalid XLIFF 2.0 core: {core.error_log}", file=sys.stderr)
            return 1
        with open(path, "rb") as handle:
            store = xliff2.Xliff2File(handle.read())
        units = [u for u in store.units if not u.isheader()]
        print(f"{path}\t{len(units)}")
        for unit in units:
            print(f"{unit.getid()}\t{unit.source}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
