"""Field names and limits shared by the worker, the matcher, the generator and the recorder.

These names are a contract: corpora, reports and the native port all rely on them.
"""

from __future__ import annotations

from typing import Final

#: Columns of the customer base (the `customers` table and `customers load` CSV files).
CUSTOMER_FIELDS: Final = (
    "id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "street",
    "city",
    "postcode",
    "birth_date",
)

#: The fields the matcher reads and scores, in scoring order (customers and import rows alike).
MATCH_FIELDS: Final = CUSTOMER_FIELDS[1:]

#: Columns an import file must have, in any order.
REQUIRED_IMPORT_COLUMNS: Final = MATCH_FIELDS

#: Optional column carried through to the results unchanged.
EXTERNAL_REF: Final = "external_ref"

#: Columns of an import file: the matched fields plus the optional external reference.
IMPORT_FIELDS: Final = (*MATCH_FIELDS, EXTERNAL_REF)

#: Longest accepted value of any field, in Unicode code points.
MAX_FIELD_LENGTH: Final = 200

#: Rows handed to the matcher per call by the worker.
DEFAULT_BATCH_SIZE: Final = 1000
