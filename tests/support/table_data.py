"""The contents of the generated tables: Spanish donors, courses, prices; fixed by a seed, so known."""

import random

SURNAMES = (  # noqa: SIM905 (a list literal of 70 names would fill 70 lines)
    "GARCÍA MARTÍNEZ LÓPEZ SÁNCHEZ PÉREZ GÓMEZ MARTÍN JIMÉNEZ RUIZ HERNÁNDEZ DÍAZ MORENO MUÑOZ ÁLVAREZ "
    "ROMERO ALONSO GUTIÉRREZ NAVARRO TORRES DOMÍNGUEZ VÁZQUEZ RAMOS GIL RAMÍREZ SERRANO BLANCO MOLINA "
    "MORALES SUÁREZ ORTEGA DELGADO CASTRO ORTIZ RUBIO MARÍN SANZ NÚÑEZ IGLESIAS MEDINA GARRIDO CORTÉS "
    "CASTILLO SANTOS LOZANO GUERRERO CANO PRIETO MÉNDEZ CRUZ CALVO GALLEGO VIDAL LEÓN MÁRQUEZ HERRERA "
    "PEÑA FLORES CABRERA CAMPOS VEGA FUENTES MENA CARRASCO DIEZ CABALLERO NIETO REYES AGUILAR PASCUAL"
).split()
FIRST_NAMES = (
    "María",
    "José",
    "Antonio",
    "Carmen",
    "Manuel",
    "Ana",
    "Francisco",
    "Isabel",
    "David",
    "Laura",
    "Juan",
    "Cristina",
    "Javier",
    "Lucía",
    "Pilar",
    "Ángel",
    "Dolores",
    "Teresa",
    "María José",
    "Juan Carlos",
    "José Luis",
    "Ana Belén",
)
# The letter of a Spanish DNI is the number modulo 23 in this table.
DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
COURSES = (
    ("Introduction to statistics", "Dr. Smith"),
    ("Organic chemistry", "Dr. Brown"),
    ("World history", "Ms. Taylor"),
    ("Creative writing", "Mr. Wilson"),
    ("Linear algebra", "Dr. Clark"),
    ("Public speaking", "Ms. Lewis"),
    ("Marine biology", "Dr. Walker"),
    ("Modern painting", "Mr. Young"),
)
ITEMS = (
    ("Office chair", "Black, adjustable height"),
    ("Desk lamp", "White, with dimmer"),
    ("Notebook", "Lined paper, hard cover"),
    ("Printer paper", "Box of five reams"),
    ("Stapler", "Metal, red"),
    ("Whiteboard", "Magnetic, with markers"),
    ("Coffee machine", "Automatic, for the kitchen"),
    ("Filing cabinet", "Grey, four drawers"),
)
# A statement's bookings: some descriptions wrap onto two lines in their column, some fit on one.
BOOKINGS = (
    ("02/05/2024", "Opening balance carried over from April", "OB-0424", "1,254.30"),
    ("03/05/2024", "Card payment", "CP-18211", "-23.45"),
    ("06/05/2024", "Salary from Northwind Trading for the month of April", "SAL-0424", "2,450.00"),
    ("08/05/2024", "Standing order to the savings account", "SO-3390", "-300.00"),
    ("10/05/2024", "Direct debit", "DD-77120", "-64.99"),
    ("13/05/2024", "Refund of the deposit for the holiday cottage", "RF-5521", "150.00"),
    ("15/05/2024", "Cash withdrawal", "CW-40417", "-80.00"),
    ("17/05/2024", "Transfer from a joint account held with the bank", "TR-90034", "500.00"),
    ("21/05/2024", "Annual fee for the premium account", "FE-0524", "-95.00"),
    ("24/05/2024", "Interest", "IN-0524", "3.12"),
)
REGIONS = ("North", "South", "East", "West", "Centre", "Islands")
# Departments and their people: name, role, extension, e-mail.
STAFF = (
    (
        "Finance",
        (
            ("Ann Bell", "Accountant", "2214", "a.bell@example.org"),
            ("Tom Price", "Payroll clerk", "2215", "t.price@example.org"),
            ("Raj Singh", "Financial controller", "2216", "r.singh@example.org"),
        ),
    ),
    (
        "Human resources",
        (
            ("Mary Stone", "Recruiter", "2301", "m.stone@example.org"),
            ("Paul Green", "Training officer", "2302", "p.green@example.org"),
        ),
    ),
    (
        "Maintenance",
        (
            ("John Smith", "Electrician", "2410", "j.smith@example.org"),
            ("Lisa Brown", "Plumber", "2411", "l.brown@example.org"),
            ("Li Wei", "Carpenter", "2412", "l.wei@example.org"),
        ),
    ),
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def spanish_amount(value: float) -> str:
    """1234.5 -> "1.234,50 €", as Spanish documents write amounts."""
    grouped = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{grouped} €"


def donors(count: int, seed: int = 12) -> list[list[str]]:
    """Rows of number, first and second surname, first name, DNI, date and amount."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        number = rng.randrange(10_000_000, 99_999_999)
        date = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice((2022, 2023, 2024))}"
        amount = rng.choice((5, 10, 20, 25, 50, 60, 100, 150, 250, 500, 1250)) + rng.choice((0, 0.5, 0.25))
        surnames = rng.sample(SURNAMES, 2)
        # "MENA" is a surname Apertium turns into "Ore": the list holds it, as the did.
        if index == 6:
            surnames[0] = "MENA"
        rows.append(
            [
                str(index + 1),
                *surnames,
                rng.choice(FIRST_NAMES),
                f"{number:08d}{DNI_LETTERS[number % 23]}",
                date,
                spanish_amount(amount),
            ]
        )
    return rows


def ledger(count: int, seed: int = 7) -> list[list[str]]:
    """Rows of a payment ledger: reference, date, payee, description, amount."""
    rng = random.Random(seed)
    return [
        [
            f"INV-{2024000 + index}",
            f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            rng.choice(("Acme Ltd", "Globex Corp", "Initech Inc", "Umbrella plc")),
            rng.choice(("Office supplies", "Monthly rent", "Cleaning service", "Travel costs")),
            f"{rng.randint(10, 9999)}.{rng.randint(0, 99):02d}",
        ]
        for index in range(count)
    ]
