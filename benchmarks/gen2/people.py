"""Hand-written name lists per origin group, and the shared pools that make candidates collide.

Written for gen2 only; nothing here is shared with the first generator. Every name is
invented by combining common given names and family names; no real person is described.
"""

from __future__ import annotations

from dataclasses import dataclass

# Words that join a name but are not name words of their own (dropped from name_tokens).
PARTICLES = frozenset({"bin", "bint", "binti", "al", "el", "abu", "ap", "verch"})


@dataclass(frozen=True)
class Group:
    """One origin group: given names by sex, family names, and how the group writes a full name."""

    key: str
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    style: str = "western"  # western | family_first | sikh | arabic | patronymic


GROUPS: tuple[Group, ...] = (
    Group("sikh_punjabi",
          ("Harleen", "Simran", "Manpreet", "Rupinder", "Baljit", "Navneet", "Jaswinder", "Amritpal"),
          ("Gurpreet", "Harjit", "Kuldip", "Navdeep", "Jaswinder", "Parminder", "Sukhdev", "Amandeep"),
          ("Sandhu", "Dhillon", "Gill", "Bains", "Grewal", "Sidhu", "Johal", "Virdi", "Kalsi", "Chahal"), "sikh"),
    Group("korean",
          ("Seoyeon", "Jiwoo", "Soyeon", "Yerin", "Eunji", "Hayoon", "Minseo"),
          ("Minjun", "Hyunwoo", "Dohyun", "Jaehyun", "Taeyang", "Seungmin", "Jihoon"),
          ("Kim", "Park", "Choi", "Jung", "Kang", "Yoon", "Seo", "Kwon", "Shin"), "family_first"),
    Group("japanese",
          ("Yui", "Aoi", "Hina", "Emiko", "Yuki", "Haruka", "Misaki"),
          ("Haruto", "Sota", "Takumi", "Kenji", "Daiki", "Ryota", "Hiroshi"),
          ("Tanaka", "Suzuki", "Takahashi", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Fujii", "Sasaki")),
    Group("chinese",
          ("Xiaoling", "Yuxin", "Meiling", "Fang", "Qing", "Lina", "Huiying"),
          ("Wei", "Jian", "Hao", "Zhiwei", "Lei", "Guang", "Yifan"),
          ("Zhang", "Wang", "Liu", "Chen", "Huang", "Zhao", "Zhou", "Xu", "Tang"), "family_first"),
    Group("arabic",
          ("Fatima", "Aisha", "Layla", "Mariam", "Zainab", "Noor", "Huda"),
          ("Mohammed", "Ahmed", "Omar", "Yusuf", "Khalid", "Hamza", "Tariq"),
          ("Hashimi", "Mansouri", "Tamimi", "Saeed", "Rashid", "Qahtani", "Haddad", "Najjar", "Khatib"), "arabic"),
    Group("somali",
          ("Hodan", "Amina", "Ayaan", "Sahra", "Nimco", "Ifrah", "Sagal"),
          ("Abdi", "Faisal", "Mahad", "Liban", "Abdirahman", "Guled", "Bashir"),
          ("Farah", "Warsame", "Abdullahi", "Jama", "Mohamud", "Egal", "Duale", "Hersi", "Yusuf"), "patronymic"),
    Group("eritrean_ethiopian",
          ("Selam", "Hiwot", "Meron", "Saba", "Lidya", "Tsion", "Bethlehem"),
          ("Yonas", "Dawit", "Tesfaye", "Biniam", "Henok", "Robel", "Abel"),
          ("Tesfamariam", "Gebremedhin", "Haile", "Bekele", "Woldemichael", "Kidane", "Tadesse", "Mengistu",
           "Alemu"), "patronymic"),
    Group("welsh",
          ("Ffion", "Carys", "Eleri", "Llinos", "Cerys", "Siân", "Angharad"),
          ("Rhys", "Dafydd", "Gethin", "Iolo", "Aled", "Gwion", "Emyr"),
          ("Pritchard", "Llewellyn", "Bowen", "Prosser", "Griffiths", "Vaughan", "Pugh", "Meredith", "Parry")),
    Group("scottish_gaelic",
          ("Eilidh", "Mairi", "Catriona", "Morag", "Peigi", "Seonag", "Ishbel"),
          ("Ruairidh", "Calum", "Seonaidh", "Iain", "Alasdair", "Tormod", "Domhnall"),
          ("MacLeod", "MacDonald", "Nicolson", "MacAulay", "MacNeil", "Mackinnon", "Morrison", "Macrae", "MacIver")),
    Group("jewish",
          ("Miriam", "Shoshana", "Avigail", "Rivka", "Tova", "Chana", "Devorah"),
          ("Eliyahu", "Yosef", "Moshe", "Chaim", "Ariel", "Mordechai", "Shmuel"),
          ("Rosenberg", "Goldstein", "Feldman", "Katz", "Levy", "Abramovitz", "Halpern", "Weinstock", "Shapiro")),
    Group("caribbean",
          ("Marcia", "Sharmaine", "Paulette", "Beverley", "Yvonne", "Claudette", "Shanice"),
          ("Delroy", "Winston", "Leroy", "Desmond", "Errol", "Jermaine", "Everton"),
          ("Campbell", "Thompson", "McKenzie", "Samuels", "Wedderburn", "Forbes", "Beckford", "Gayle", "Ricketts")),
    Group("roma_traveller",
          ("Bridie", "Shania", "Mirela", "Lavinia", "Roseanna", "Kathleen", "Lenuta"),
          ("Mikey", "Levi", "Tyson", "Florin", "Dragos", "Paddy", "Nelu"),
          ("McDonagh", "Boswell", "Lovell", "Stokes", "Doherty", "Heron", "Buckley", "O'Driscoll", "Rostas")),
    Group("word_names",
          ("Faith", "Hope", "Grace", "Joy", "Iris", "Sky"),
          ("Will", "Hunter", "Mason", "Jay", "Drew"),
          ("Bank", "Mason", "Baker", "Fisher", "Cook", "Bishop", "Carpenter", "Wood", "Booth")),
    Group("white_british",
          ("Charlotte", "Emily", "Sophie", "Lucy", "Hannah", "Rebecca", "Gemma"),
          ("Oliver", "Jack", "Harry", "George", "Thomas", "Daniel", "Matthew"),
          ("Whitfield", "Thornton", "Ashdown", "Pemberton", "Fletcher", "Holloway", "Cartwright", "Bradshaw",
           "Ashby-Kerr")),
    Group("polish",
          ("Katarzyna", "Małgorzata", "Agnieszka", "Zofia", "Magdalena", "Joanna", "Ewa"),
          ("Tomasz", "Piotr", "Wojciech", "Krzysztof", "Łukasz", "Marek", "Paweł"),
          ("Nowak", "Kowalczyk", "Wójcik", "Mazur", "Krawczyk", "Pawlak", "Zieliński", "Lewandowski", "Dąbrowski")),
    Group("west_african",
          ("Chiamaka", "Funmilayo", "Temitope", "Adaeze", "Yetunde", "Abena", "Efua"),
          ("Emeka", "Adebayo", "Oluwaseun", "Chukwudi", "Kwabena", "Kofi", "Marcus"),
          ("Okoro", "Adeyemi", "Okonkwo", "Balogun", "Nwosu", "Oyelaran", "Mensah", "Asante", "Boateng")),
)
GROUPS_BY_KEY = {g.key: g for g in GROUPS}

# Polish family names written in the feminine form for women.
FEMININE_SURNAME = {"Zieliński": "Zielińska", "Lewandowski": "Lewandowska", "Dąbrowski": "Dąbrowska"}

# Short names people sign with: given name -> short form.
SHORT_NAMES = {"Mohammed": "Mo", "Katarzyna": "Kasia", "Małgorzata": "Gosia", "Tomasz": "Tomek",
               "Jaswinder": "Jas", "Eliyahu": "Eli", "Dafydd": "Dai", "Oluwaseun": "Seun", "Ruairidh": "Ruari",
               "Abdirahman": "Abdi"}

# Referees: a small pool so that several candidates name the same one.
REFEREES: tuple[tuple[str, str, str], ...] = (
    ("Pauline", "Whitmore", "Head of Housing Needs"),
    ("Graham", "Hargreaves", "Service Manager"),
    ("Deborah", "Okafor", "Team Leader"),
    ("Nigel", "Fairclough", "Operations Director"),
    ("Shirin", "Bhatt", "Principal Officer"),
    ("Alison", "Lindqvist", "Practice Manager"),
    ("Colin", "Ferreira", "Area Manager"),
    ("Bernadette", "Ramsay", "Senior Lecturer"),
    ("Gareth", "Kettleborough", "Contracts Manager"),
    ("Rosalind", "Achterberg", "Finance Manager"),
)
