"""How letters close, before their signature."""

import re

# A letter's closing, a line of its own before the signature however it ends ("Yours faithfully,"), in
# the languages the pipeline reads most.
CLOSING = re.compile(
    r"(?:yours (?:faithfully|sincerely|truly|respectfully)|(?:very )?(?:sincerely|truly|respectfully) yours|"
    r"sincerely|(?:kind|best|warm|with (?:kind|best)) regards|regards|best wishes|many thanks|"
    r"cheers|love|(?:with )?love and best wishes|all the best|take care|thanks|thank you|"
    r"mit (?:freundlichen|besten) grü(?:ß|ss)en|(?:freundliche|viele|beste|herzliche|liebe) grü(?:ß|ss)e|"
    r"mit (?:den )?besten wünschen|alles gute|un abrazo|bisous|bises|"
    r"hochachtungsvoll|(?:bien )?cordialement|amicalement|bien à vous|"
    r"(?:sincères |meilleures )?salutations(?: distinguées)?|atentamente|cordialmente|"
    r"(?:un )?(?:cordial )?saludo(?:s)?(?: cordiales)?|cordiali saluti|distinti saluti|atenciosamente|"
    r"cumprimentos|met vriendelijke groet(?:en)?|с уважением)[,.!]?",  # noqa: RUF001
    re.IGNORECASE,
)
