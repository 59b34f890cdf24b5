"""Legal forms that end a company's name ("Greenleaf Foods Ltd", "Kunz AG", "Ferretería López S.L."), as
companies write them.

The extractor reads a cell of capitalised words ending in one as a name; the translator keeps such a name
in running text from the engine, which translates its words ("Greenleaf Comidas Ltd").
"""

COMPANY_FORMS = frozenset(
    "Ltd Ltd. Inc Inc. Corp Corp. Co Co. plc LLC GmbH AG SA S.A. SL S.L. SAS Srl BV NV Oy AB".split()  # noqa: SIM905
)
