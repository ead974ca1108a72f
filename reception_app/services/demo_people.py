"""Sample people: names, streets, towns and languages, and a random contact made from them.

Deterministic for a given random generator; the names are chosen to exercise accents,
apostrophes and other letters a real office's records have.
"""

from __future__ import annotations

import random
import unicodedata

from reception_app.domain.people import LARGE_PRINT_SIZES, PreferredFormat
from reception_app.persistence.records import ContactRecord

FIRST_NAMES = [
    "Amelia",
    "Oliver",
    "Zoë",
    "Łukasz",
    "Siobhán",
    "Mohammed",
    "Priya",
    "Gwenllïan",
    "Tomasz",
    "Chloe",
    "Jack",
    "Aisha",
    "Harry",
    "Isla",
    "Noah",
    "Fatima",
    "Ruth",
    "Dylan",
    "Niamh",
    "Kwame",
    "Eleanor",
    "Ahmed",
    "Grace",
    "Seán",
    "Ana",
    "Bartholomew",
    "Mei",
    "Rhys",
    "Chiara",
    "Oskar",
]
SURNAMES = [
    "Smith",
    "O'Neill",
    "Jones",
    "Nowak",
    "Patel",
    "Brown",
    "ap Ŵyn",
    "Taylor",
    "Williams",
    "Khan",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Roberts",
    "Johnson",
    "Lewis",
    "Walker",
    "Wright",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Kowalski",
    "Mensah",
    "Ní Bhriain",
    "Fitzgerald-Hughes",
    "Chen",
    "Ward",
]
STREETS = [
    "Woodview Road",
    "Middletons Lane",
    "Reepham Road",
    "Holt Road",
    "Church Street",
    "Cliff Avenue",
    "Links Road",
    "Overstrand Road",
    "Station Road",
    "Hall Lane",
    "Cromer Road",
    "Drayton High Road",
]
TOWNS = [
    ("Hellesdon", "NR6"),
    ("Drayton", "NR8"),
    ("Cromer", "NR27"),
    ("Sheringham", "NR26"),
    ("Holt", "NR25"),
    ("North Walsham", "NR28"),
    ("Norwich", "NR3"),
]
LANGUAGES = ["Polish", "Portuguese", "Lithuanian", "Arabic", "Romanian", "Bengali"]
TEAMS = [
    "Customer services",
    "Revenues and benefits",
    "Housing",
    "Planning",
    "Environmental services",
]


def ascii_name(name: str) -> str:
    """'Ní Bhriain' -> 'nibhriain': email addresses in sample data stay plain ASCII."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def random_contact(rng: random.Random, office_id: int) -> ContactRecord:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    town, district = rng.choice(TOWNS)
    postcode = f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    fmt = rng.choices(
        [
            PreferredFormat.STANDARD,
            PreferredFormat.LARGE_PRINT,
            PreferredFormat.BRAILLE,
            PreferredFormat.EMAIL,
        ],
        weights=[80, 8, 2, 10],
    )[0]
    # Ofcom's numbers reserved for drama: valid to phonenumbers, never a real person's line.
    phone = (
        rng.choice(["0113 496 0", "0121 496 0", "0161 496 0", "020 7946 0"])
        + f"{rng.randint(0, 999):03d}"
    )
    return ContactRecord(
        office_id=office_id,
        full_name=f"{first} {last}",
        name_key=f"{first} {last}".casefold(),
        phone=phone,
        email=f"{ascii_name(first)}.{ascii_name(last)}@example.org"
        if rng.random() < 0.6 or fmt is PreferredFormat.EMAIL
        else "",
        address=f"{rng.randint(1, 180)} {rng.choice(STREETS)}\n{town}",
        postcode=postcode,
        preferred_format=fmt.value,
        large_print_size=rng.choice(LARGE_PRINT_SIZES)
        if fmt is PreferredFormat.LARGE_PRINT
        else None,
        braille=fmt is PreferredFormat.BRAILLE,
        hearing_loop=rng.random() < 0.06,
        interpreter_language=rng.choice(LANGUAGES) if rng.random() < 0.05 else "",
        bsl=rng.random() < 0.01,
        wheelchair_access=rng.random() < 0.05,
        private_room=rng.random() < 0.04,
    )
