"""Catalogue import (back office screen 3): a merchant's products and barcodes from a CSV or
XLSX file, with a dry run, a report of every rejected row and its reason, and an import that
writes all of it (or, by choice, all but the rejected rows) in one transaction.

    reading  — bytes → text cells (format and encoding told from the bytes)
    columns  — the header: column names and aliases, required columns
    rows     — one row's cells → product fields, or coded reasons
    plan     — the rows against the merchant's products: new, updated, unchanged, rejected
    write    — a plan into the database (batches, barcodes, audit)
    service  — what the back office calls, scoped to the signed-in actor
"""

from app.catalogue_import.plan import ImportCancelled
from app.catalogue_import.service import (
    ImportResult,
    MerchantChoice,
    Preview,
    import_file,
    merchant_choices,
    preview,
    rejects_csv,
)

__all__ = ["ImportCancelled", "ImportResult", "MerchantChoice", "Preview", "import_file",
           "merchant_choices", "preview", "rejects_csv"]
