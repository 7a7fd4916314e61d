"""Hand-written synthetic name lists per origin group, and how a name splits into name words.

Every word here is a *name word*: the corpus never uses it in ordinary text, so any
occurrence in a panel file is a leak (for the "hard" group only capitalised or ALL-CAPS
occurrences count, because those names are also everyday English words that the ordinary
text does use in lower case, e.g. "young people", "I will").

The lists are invented for the benchmark; any resemblance to a real person is chance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lower-case words that sit inside a surname but are not name words on their own.
PARTICLES = frozenset({"van", "der", "den", "de", "da", "dos", "du", "ter", "von", "bin", "binti", "ibn", "al", "el", "ó", "ní", "mac"})


@dataclass(frozen=True)
class OriginGroup:
    """The given names (by gender) and surnames of one name-origin group."""

    key: str
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    # Polish surnames in -ski/-cki/-dzki take -ska/-cka/-dzka for women.
    gendered_surnames: bool = False
    # Only capitalised or ALL-CAPS occurrences count as leaks (names that are English words).
    case_sensitive_leaks: bool = False


def _t(text: str) -> tuple[str, ...]:
    """A tuple from a whitespace-and-comma separated list (keeps multi-word surnames with '_')."""
    return tuple(w.replace("_", " ") for w in re.split(r"[,\s]+", text.strip()) if w)


GROUPS: tuple[OriginGroup, ...] = (
    OriginGroup(
        "white_british",
        _t("Charlotte Emily Hannah Lucy Rebecca Victoria Gemma Kirsty Joanne Hayley Bethany Eleanor Harriet Imogen Philippa Tracey Gillian Lorna"),
        _t("Oliver Harvey Callum Lewis Gareth Stuart Nigel Darren Wayne Craig Rhys Alistair Hamish Toby Rupert Graham Kieran Barnaby"),
        _t("Whitehouse Bradshaw Pemberton Ashworth Hollis Dunmore Fairclough Hargreaves Whittaker Pritchard Rowlands Entwistle "
           "Blakemore Cartwright Horsfall Oakley Pickering Sutcliffe Wainwright Threlfall Bancroft Mottram Hickman Gough "
           "Smith-Jones Hart-Davis Ashby-Cole Bowyer Crabtree Dimmock Fenwick Quarmby"),
    ),
    OriginGroup(
        "irish",
        _t("Siobhán Aoife Niamh Caoimhe Róisín Saoirse Orla Clodagh Gráinne Sinéad Áine Deirdre Nuala Ciara Eimear Méabh"),
        _t("Seán Ciarán Pádraig Oisín Cillian Darragh Eoin Colm Donal Fergal Tadhg Ruairí Cathal Diarmuid Lorcan Fiachra"),
        _t("O'Sullivan O'Reilly McCarthy Byrne Kavanagh Doherty Gallagher Flanagan Quinlan Brennan Mulcahy Geraghty Keane "
           "Dunne Lynch Nolan Fitzgerald Hennessy McGrath MacNamara Ó_Ceallaigh O'Donoghue Breathnach Moriarty Sheehan "
           "Tierney Whelan Cassidy Devlin Costigan Ní_Bhriain"),
    ),
    OriginGroup(
        "indian",
        _t("Priya Anjali Deepika Kavita Sunita Neha Pooja Shreya Lakshmi Meera Harpreet Simran Jaspreet Divya Aishwarya Nandini Ritu"),
        _t("Arjun Rohan Vikram Sanjay Rajesh Amit Suresh Karan Harjit Gurpreet Manish Nikhil Anil Prakash Ravi Sandeep Vivek"),
        _t("Sharma Patel Singh Kaur Gupta Mehta Nair Reddy Chauhan Joshi Desai Kapoor Malhotra Bhatt Rao Pillai Menon "
           "Mistry Parmar Sandhu Dhillon Bains Chopra Verma Jain D'Souza de_Souza Fernandes Kulkarni Banerjee Mukherjee Chatterjee"),
    ),
    OriginGroup(
        "pakistani",
        _t("Ayesha Fatima Zainab Maryam Sana Hina Nadia Rabia Saima Amna Iqra Mahnoor Bushra Shazia Nazia Sidra"),
        _t("Imran Kamran Bilal Usman Faisal Tariq Zeeshan Adnan Asif Shahid Waqas Hamza Junaid Nadeem Zubair Irfan Rizwan"),
        _t("Khan Hussain Iqbal Akhtar Mahmood Butt Chaudhry Qureshi Rana Malik Raza Javed Aslam Siddiqui Bashir Anwar "
           "Mirza Nawaz Saleem Shafiq Zaman Latif Haider Sadiq Arshad Yousaf Abbasi Awan Minhas Tahir"),
    ),
    OriginGroup(
        "bangladeshi",
        _t("Nasrin Rumana Shirin Taslima Farzana Sharmin Nusrat Sabina Rehana Jannat Tahmina Fahmida Ruksana Shapla Lipi Momtaz"),
        _t("Rahim Shafiqul Mizanur Habibur Mahbub Jubair Rafiq Tanvir Sohel Mamun Delwar Azizul Moinul Shahin Anwarul Rezaul"),
        _t("Rahman Uddin Miah Begum Chowdhury Hossain Alam Sarkar Talukder Bhuiyan Haque Khatun Kabir Mollah Siddique "
           "Sultana Akter Mridha Mazumder Pramanik Bepari Shikder Munshi Howlader Karim Ullah Hoque Choudhury Ahmed Ali"),
    ),
    OriginGroup(
        "chinese",
        _t("Jing Xiaoling Mei Xiu Fang Ying Xin Hui Yan Lijuan Shuang Qian Ting Kelly Vivian Joyce"),
        _t("Wei Hao Lei Qiang Jian Tao Bo Zhiwei Haoran Yifan Zihan Kai Jason Kenneth Raymond Wing"),
        _t("Wang Zhang Liu Chen Yang Huang Zhao Zhou Wu Xu Zhu Guo Lin Luo Zheng Liang Xie Tang Feng Deng Cao Peng "
           "Zeng Xiao Chan Wong Cheung Leung Lau Ng Yip Kwok Lam Chow Fung Tse"),
    ),
    OriginGroup(
        "vietnamese",
        _t("Thảo Hương Linh Trang Huyền Phương Thủy Ngọc Mai Lan Hạnh Yến Quỳnh Nhung Diệp Uyên"),
        _t("Đức Tuấn Hùng Dũng Quang Hải Khoa Bảo Thành Việt Hiếu Trung Khánh Phúc Thắng Vinh"),
        _t("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Hồ Ngô Dương Lý Đinh Trương Lương Mạc Tạ Vương "
           "Quách Châu Thái Triệu Kiều Giang Âu Khúc Hứa"),
    ),
    OriginGroup(
        "nigerian",
        _t("Chiamaka Adaeze Ngozi Folake Funmilayo Yetunde Nneka Ifeoma Temitope Bukola Kemi Amaka Chidinma Titilayo Ebele Omolara"),
        _t("Chukwuemeka Oluwaseun Babatunde Ikechukwu Obinna Tunde Femi Segun Kelechi Chinedu Emeka Olumide Ayodele Uchenna Nnamdi Kayode"),
        _t("Okafor Okonkwo Balogun Adebisi Nwosu Okeke Oyelaran Ogundipe Afolabi Nwachukwu Olawale Adesanya Ibekwe Onyekachi "
           "Akinola Oduya Bamidele Fashola Ogunbanjo Anyanwu Chukwu Obiora Ekwueme Ojo Oladipo Uzoma Adekunle Osagie Idowu Nwankwo"),
    ),
    OriginGroup(
        "ghanaian",
        _t("Akosua Ama Abena Efua Adwoa Yaa Afua Esi Akua Araba Serwaa Dzifa Elikem Mawunyo Adjoa Naa"),
        _t("Kwame Kofi Kwabena Kwaku Yaw Kojo Kwesi Fiifi Ekow Nii Selasi Kobina Edem Kweku Atta Kwadwo"),
        _t("Mensah Owusu Asante Boateng Agyeman Osei Appiah Acheampong Amoah Darko Addo Ofori Quaye Tetteh Adjei Frimpong "
           "Gyamfi Nkrumah Ansah Amponsah Bonsu Danquah Sarpong Asamoah Kyei Opoku Badu Annan Wiredu Larbi"),
    ),
    OriginGroup(
        "somali",
        _t("Hodan Faadumo Amina Sahra Ifrah Hibo Ubah Nimco Ayan Deeqa Khadra Ladan Muna Sagal Fartun Hamdi"),
        _t("Abdirahman Abdullahi Liban Mahad Guled Abdiwali Yusuf Khalid Abdikarim Mukhtar Ilyas Abdisalam Sharmarke Bile Cabdi Ayanle"),
        _t("Warsame Farah Hersi Jama Abdi Osman Aden Egal Dahir Nur Mohamud Ismail Gedi Samatar Duale Hirsi Elmi Roble "
           "Barre Shire Guleid Haji Isse Qalib Mahamed Adan Gurey Dualeh Jibril Hassan"),
    ),
    OriginGroup(
        "polish",
        _t("Agnieszka Małgorzata Katarzyna Magdalena Zuzanna Weronika Dorota Ewelina Justyna Aleksandra Beata Paulina Żaneta Grażyna Iwona Bożena"),
        _t("Łukasz Wojciech Grzegorz Bartłomiej Przemysław Paweł Krzysztof Tomasz Michał Dariusz Mariusz Sławomir Zbigniew Jacek Rafał Maciej Jarosław"),
        _t("Kowalczyk Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Woźniak Kozłowski Jankowski Mazur Krawczyk "
           "Piotrowski Grabowski Nowakowski Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Majewski Olszewski Stępień "
           "Malinowski Górski Rutkowski Sikora Baran Zawadzki Sobczak"),
        gendered_surnames=True,
    ),
    OriginGroup(
        "romanian",
        _t("Ioana Andreea Mihaela Roxana Cristina Mădălina Bianca Larisa Oana Raluca Loredana Denisa Ștefania Corina Irina Anca"),
        _t("Ionuț Andrei Mihai Răzvan Bogdan Cătălin Florin Gheorghe Ștefan Vlad Sorin Cosmin Marius Ciprian Dragoș Lucian"),
        _t("Popescu Ionescu Dumitru Stan Stoica Gheorghiu Munteanu Constantin Marin Tudor Dobre Barbu Nistor Florea Matei "
           "Lungu Ene Moldovan Cojocaru Rusu Ursu Toma Sârbu Vasilescu Anghel Zamfir Oprea Neagu Diaconu Pădureanu"),
    ),
    OriginGroup(
        "arabic",
        _t("Layla Nour Yasmin Rania Hala Dalia Lina Mariam Salma Huda Reem Aisha Noura Samira Dina Maysa"),
        _t("Karim Youssef Ahmad Khaled Mahmoud Hamad Faris Rami Sami Ziad Anas Ibrahim Mustafa Walid Nabil Tamer"),
        _t("Al-Hassan bin_Rashid Al-Sayed El-Masri Haddad Nasser Khoury Saleh Abboud Mansour Al-Amin Darwish Hamdan Qasim "
           "Farouk Sabbagh Jaber Aziz Karam Suleiman Al-Tamimi bin_Saeed Hakim Othman Issa Yassin Kanaan Zidan Al-Khatib Barakat"),
    ),
    OriginGroup(
        "caribbean",
        _t("Marcia Paulette Beverley Yvonne Shanice Tanisha Keisha Simone Claudette Hyacinth Merline Sharmaine Latoya Jodi-Ann Kerry-Ann Novelette"),
        _t("Delroy Winston Clive Errol Leroy Desmond Marlon Tyrone Courtney Garfield Carlton Lloyd Everton Jermaine Dwayne Kareem"),
        _t("Campbell Gayle Reid McKenzie Brissett Lindo Bailey Blake Gordon Barnes Powell Fraser Hylton Samuels Morrison "
           "Ellis Whyte Bryan Murray Richards Spencer Wynter Forbes Dacres Mullings Beckford Henry Ferguson Clarke-Bennett Grizzle"),
    ),
    OriginGroup(
        "hard",
        # Everyday English words, hyphens, particles and accents: the cases detectors trip on.
        _t("Hope Faith Grace Joy Summer Rose Holly Ivy Amber Dawn Pearl Patience Heather Daisy Ruby Zoë Renée Chloë Anaïs Mary-Jane Anne-Marie Sanne Femke"),
        _t("Will Guy Bill Mark Drew Frank Miles Rich Reed Dean Dale Glen Clay Cliff Noël Raphaël Jean-Luc Joris Bram Søren"),
        _t("Young Banks Wood Long Field Stone Bird Fox Price Bell Hunter Fisher Baker Cook Mason Walker Sharp Wise Swan "
           "Lamb Moss Knight Bishop Noble Winter Frost Short Little van_der_Berg van_Dijk de_Jong ter_Horst O'Neill D'Arcy"),
        case_sensitive_leaks=True,
    ),
)

GROUPS_BY_KEY = {g.key: g for g in GROUPS}


def feminine_surname(surname: str) -> str:
    """The feminine form of a Polish surname (Kowalski -> Kowalska); others unchanged."""
    for masc, fem in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if surname.endswith(masc):
            return surname[: -len(masc)] + fem
    return surname


def name_words(name: str) -> tuple[str, ...]:
    """The name words of a name: split on spaces and hyphens, particles dropped (apostrophes kept)."""
    pieces = [p for p in re.split(r"[\s\-]+", name) if p]
    return tuple(p for i, p in enumerate(pieces) if not (p.lower() in PARTICLES and i < len(pieces) - 1))


def all_name_words() -> dict[str, set[str]]:
    """Every name word of every group, by group key."""
    words: dict[str, set[str]] = {}
    for group in GROUPS:
        found: set[str] = set()
        for name in group.female + group.male + group.surnames:
            found.update(name_words(name))
        if group.gendered_surnames:
            for name in group.surnames:
                found.update(name_words(feminine_surname(name)))
        words[group.key] = found
    return words
