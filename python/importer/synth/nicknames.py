"""Nicknames and short forms: the same person signs up as "William" and imports as "Bill".

Only names that occur in the pools of ``names.py`` are worth listing; the table is looked up in both
directions, so a customer stored as "Bob" can import as "Robert" too.
"""

from __future__ import annotations

from typing import Final

#: Formal given name -> the informal forms people really use, per culture.
NICKNAMES: Final[dict[str, tuple[str, ...]]] = {
    # English
    "William": ("Bill", "Will", "Billy", "Liam"),
    "Robert": ("Bob", "Rob", "Bobby", "Bert"),
    "Richard": ("Dick", "Rick", "Rich"),
    "James": ("Jim", "Jimmy", "Jamie"),
    "John": ("Jack", "Johnny"),
    "Michael": ("Mike", "Mick", "Mikey"),
    "Thomas": ("Tom", "Tommy"),
    "Charles": ("Charlie", "Chuck"),
    "Christopher": ("Chris", "Kit"),
    "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",),
    "Anthony": ("Tony",),
    "Edward": ("Ed", "Ted", "Eddie", "Ned"),
    "Alexander": ("Alex", "Sasha", "Xander", "Sandy"),
    "Benjamin": ("Ben", "Benny"),
    "Jonathan": ("Jon", "Jonny"),
    "Nicholas": ("Nick", "Nicky"),
    "Samuel": ("Sam", "Sammy"),
    "Joseph": ("Joe", "Joey"),
    "Patrick": ("Pat", "Paddy"),
    "Elizabeth": ("Liz", "Beth", "Betty", "Lizzie", "Eliza"),
    "Katherine": ("Kate", "Kathy", "Katie", "Kay"),
    "Margaret": ("Maggie", "Peggy", "Meg", "Marge"),
    "Patricia": ("Pat", "Patty", "Trish"),
    "Jennifer": ("Jen", "Jenny"),
    "Rebecca": ("Becky", "Becca"),
    "Victoria": ("Vicky", "Tori"),
    "Samantha": ("Sam", "Sammie"),
    "Deborah": ("Debbie", "Deb"),
    "Jacqueline": ("Jackie",),
    "Abigail": ("Abby",),
    "Susan": ("Sue", "Suzy"),
    "Barbara": ("Barb", "Babs"),
    "Jessica": ("Jess",),
    "Charlotte": ("Lottie", "Charlie"),
    # French
    "Frédéric": ("Fred",),
    "Nicolas": ("Nico",),
    "Philippe": ("Phil",),
    "Alexandre": ("Alex",),
    "Catherine": ("Cathy", "Cat"),
    "Isabelle": ("Isa",),
    "Dominique": ("Dom",),
    # German
    "Johannes": ("Hans", "Jo", "Hannes"),
    "Friedrich": ("Fritz",),
    "Katharina": ("Kathi", "Katja"),
    "Elisabeth": ("Lisa", "Liesel", "Elli"),
    "Margarete": ("Grete", "Gretel"),
    "Franziska": ("Franzi",),
    "Heinrich": ("Heinz", "Heini"),
    "Maximilian": ("Max",),
    "Andreas": ("Andi",),
    # Spanish
    "José": ("Pepe", "Chema"),
    "Francisco": ("Paco", "Pancho", "Curro"),
    "Ignacio": ("Nacho",),
    "Guadalupe": ("Lupe",),
    "Jesús": ("Chucho", "Chus"),
    "Dolores": ("Lola",),
    "Concepción": ("Concha", "Conchi"),
    "Enrique": ("Quique",),
    "Manuel": ("Manolo",),
    "Rosario": ("Charo",),
    "Alejandro": ("Álex", "Alejo"),
    "José Luis": ("Pepe", "Josélu"),
    "María José": ("Majo", "Marijose"),
    # Portuguese
    "João": ("Joãozinho",),
    "António": ("Tó", "Toninho"),
    "Antônio": ("Tonho", "Toninho"),
    "Eduardo": ("Dudu", "Edu"),
    # Polish
    "Aleksander": ("Olek", "Alek"),
    "Małgorzata": ("Gosia", "Małgosia"),
    "Katarzyna": ("Kasia",),
    "Agnieszka": ("Aga",),
    "Wojciech": ("Wojtek",),
    "Krzysztof": ("Krzysiek",),
    "Tomasz": ("Tomek",),
    "Józef": ("Józek",),
    "Magdalena": ("Magda",),
    "Aleksandra": ("Ola",),
    # Czech
    "Jiří": ("Jirka",),
    "Jan": ("Honza",),
    "Josef": ("Pepa",),
    "Kateřina": ("Katka",),
    "Vojtěch": ("Vojta",),
    "Tomáš": ("Tom",),
    "Alžběta": ("Bětka",),
    # Turkish
    "Mehmet": ("Memo",),
    "Mustafa": ("Musti",),
    # Greek
    "Νικόλαος": ("Νίκος",),
    "Γεώργιος": ("Γιώργος",),
    "Κωνσταντίνος": ("Κώστας", "Ντίνος"),
    "Ιωάννης": ("Γιάννης",),
    "Δημήτριος": ("Δημήτρης", "Μήτσος"),
    "Παναγιώτης": ("Πάνος",),
    "Αικατερίνη": ("Κατερίνα",),
    "Ευάγγελος": ("Βαγγέλης",),
    "Σπυρίδων": ("Σπύρος",),
    "Αθανάσιος": ("Θανάσης",),
    # Russian (Cyrillic and romanized)
    "Александр": ("Саша", "Шура"),
    "Алексей": ("Лёша", "Алёша"),
    "Дмитрий": ("Дима",),
    "Михаил": ("Миша",),
    "Иван": ("Ваня",),
    "Сергей": ("Серёжа",),
    "Владимир": ("Вова", "Володя"),
    "Николай": ("Коля",),
    "Екатерина": ("Катя",),
    "Мария": ("Маша",),
    "Наталья": ("Наташа",),
    "Анастасия": ("Настя",),
    "Елена": ("Лена",),
    "Ольга": ("Оля",),
    "Татьяна": ("Таня",),
    "Aleksandr": ("Sasha", "Alex"),
    "Dmitry": ("Dima",),
    "Mikhail": ("Misha",),
    "Ekaterina": ("Katya",),
    "Natalya": ("Natasha",),
    "Anastasia": ("Nastya",),
    # Hebrew
    "יוסף": ("יוסי",),
    "אברהם": ("אבי",),
    "יעקב": ("קובי",),
    "רבקה": ("רבקי",),
}


def _informal_to_formal(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    reverse: dict[str, list[str]] = {}
    for formal, informal in table.items():
        for nickname in informal:
            reverse.setdefault(nickname, []).append(formal)
    return {nickname: tuple(formals) for nickname, formals in reverse.items()}


_FORMAL_NAMES: Final = _informal_to_formal(NICKNAMES)


def alternative_names(first_name: str) -> tuple[str, ...]:
    """Other names the same person goes by: nicknames of a formal name, or the formal name of a nickname.

    >>> alternative_names("William")[:2], alternative_names("Bob")
    (('Bill', 'Will'), ('Robert',))
    """
    return NICKNAMES.get(first_name, ()) + _FORMAL_NAMES.get(first_name, ())
