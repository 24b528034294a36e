"""Name pools per culture and script, with romanizations for the non-Latin ones.

Real customer bases mix scripts; the matcher has to survive Cyrillic, Greek, CJK, Hangul, Arabic and
Hebrew as well as every Latin diacritic, so every pool here is written in its own script. Each name is a
``(native, latin)`` pair: the latin form feeds ASCII email local parts and the ``transliterated`` mess.

Pool syntax (kept compact so the data stays readable): names are separated by whitespace, ``_`` stands
for a space inside one name, ``native=latin`` gives a romanization, and in surname pools ``male/female``
gives the feminine form (Polish -ski/-ska, Czech -ová, Russian -ова, Greek -ου).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final

#: A name as written in its own script and romanized (the same string for Latin-script names).
Name = tuple[str, str]


@dataclass(frozen=True, slots=True)
class NamePool:
    """The given names and surnames of one culture, and where its people usually live."""

    key: str
    weight: int  # share of the customer base, relative to the other pools
    home_countries: tuple[str, ...]
    male: tuple[Name, ...]
    female: tuple[Name, ...]
    surnames: tuple[tuple[Name, Name], ...]  # (male form, female form)
    native_script: bool  # True when names are not written in Latin letters


def parse_names(spec: str) -> tuple[Name, ...]:
    """Names in this module's pool syntax: "Łukasz Jean-Luc Le_Gall Νικόλαος=Nikolaos"."""
    pairs: list[Name] = []
    for token in spec.split():
        native, _, latin = token.replace("_", " ").partition("=")
        pairs.append((native, latin or native))
    return tuple(pairs)


def _surnames(spec: str) -> tuple[tuple[Name, Name], ...]:
    pairs: list[tuple[Name, Name]] = []
    for token in spec.split():
        male, _, female = token.partition("/")
        (male_name,) = parse_names(male)
        pairs.append((male_name, parse_names(female)[0] if female else male_name))
    return tuple(pairs)


def _pool(key: str, weight: int, countries: str, male: str, female: str, surnames: str) -> NamePool:
    return NamePool(
        key=key,
        weight=weight,
        home_countries=tuple(countries.split()),
        male=parse_names(male),
        female=parse_names(female),
        surnames=_surnames(surnames),
        native_script=key in NATIVE_SCRIPT_CULTURES,
    )


#: Cultures whose names are written in a non-Latin script (and so have romanizations).
NATIVE_SCRIPT_CULTURES: Final = ("el", "ru", "zh", "ja", "ko", "ar", "he")

POOLS: Final = (
    _pool(
        "en", 24, "GB US",
        "James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew "
        "Anthony Edward Alexander Benjamin Jonathan Nicholas Samuel Oliver Harry George Patrick Seán",
        "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Margaret Katherine Rebecca "
        "Victoria Samantha Charlotte Emily Olivia Amelia Abigail Deborah Jacqueline Mary-Jane Zoë Siobhán",
        "Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Anderson Thomas Jackson White Harris "
        "Martin Thompson Robinson Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker Adams "
        "Hill Campbell Mitchell Roberts Carter Evans Turner Parker Collins Edwards Morris Murphy Cook "
        "O'Brien O'Connor McDonald MacLeod Fitzgerald Smith-Jones Ó_Súilleabháin",
    ),
    _pool(
        "fr", 7, "FR",
        "Jean Pierre Michel André Philippe Nicolas François Frédéric Jérôme Sébastien Stéphane Théo Loïc "
        "Benoît Alexandre Dominique Jean-Luc Hervé",
        "Marie Nathalie Isabelle Sylvie Catherine Françoise Hélène Céline Chloé Léa Zoé Inès Élodie "
        "Géraldine Noémie Anaïs Dominique Marie-Hélène Maëlle",
        "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel "
        "Fournier Girard Mercier Bonnet François Rousseau Lemaître Fontaine Chevalier Gauthier Faure "
        "Le_Gall Lefèvre-Dupont Bézier de_la_Fontaine Benoît",
    ),
    _pool(
        "de", 8, "DE",
        "Johannes Peter Wolfgang Klaus Jürgen Michael Thomas Andreas Stefan Friedrich Günter Jörg Uwe Lukas "
        "Maximilian Alexander Heinrich Björn",
        "Ursula Sabine Petra Monika Katharina Elisabeth Brigitte Renate Gisela Andrea Franziska Margarete "
        "Anneliese Lena Charlotte Sophie Hanna Jutta Käthe",
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer "
        "Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hartmann Lange Krause Lehmann "
        "Strauß Weiß Groß Voß Preuß Süß Nußbaum Roßmann Meißner Weißmüller",
    ),
    _pool(
        "es", 8, "ES",
        "José Juan Antonio Manuel Francisco Javier Ignacio Enrique Jesús Alejandro Miguel_Ángel José_Luis "
        "Álvaro Íñigo Sergio Raúl",
        "María Carmen Dolores Guadalupe Concepción Rosario Lucía Sofía Isabel Pilar Begoña Nuria Inés "
        "María_José Ana_Belén Mónica",
        "García López Martínez Sánchez Pérez Gómez Fernández Rodríguez González Hernández Díaz Muñoz "
        "Jiménez Ruiz Álvarez Romero Navarro Torres Domínguez Vázquez Ibáñez Núñez Peña Castaño Ordóñez "
        "García_López Fernández_de_Córdoba",
    ),
    _pool(
        "pt", 6, "PT BR",
        "João José António Francisco Eduardo Luís Gonçalo Tiago Rodrigo Sebastião Vinícius Caio Henrique "
        "Thiago Antônio",
        "Maria Ana Beatriz Inês Leonor Conceição Fernanda Gabriela Letícia Juliana Patrícia Graça Luísa "
        "Cecília Maria_da_Graça",
        "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gonçalves Gomes "
        "Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Araújo Magalhães Guimarães Conceição "
        "da_Silva dos_Santos de_Sousa",
    ),
    _pool(
        "pl", 5, "PL",
        "Aleksander Piotr Krzysztof Andrzej Tomasz Paweł Michał Marcin Łukasz Wojciech Józef Grzegorz "
        "Jakub Mikołaj",
        "Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Magdalena Joanna Aleksandra Zofia Jadwiga "
        "Urszula Beata Żaneta",
        "Nowak Kowalski/Kowalska Wiśniewski/Wiśniewska Wójcik Kowalczyk Kamiński/Kamińska "
        "Lewandowski/Lewandowska Zieliński/Zielińska Szymański/Szymańska Woźniak Dąbrowski/Dąbrowska "
        "Kozłowski/Kozłowska Mazur Krawczyk Zając Król Wróbel Jabłoński/Jabłońska Sikora Bąk "
        "Łukasik Grzegorczyk Jaworski/Jaworska",
    ),
    _pool(
        "cs", 3, "CZ",
        "Jiří Jan Petr Josef Pavel Martin Tomáš Jaroslav Miroslav Zdeněk Václav Vojtěch Lukáš Ondřej",
        "Marie Jana Eva Hana Anna Lenka Kateřina Lucie Věra Alena Petra Veronika Alžběta Zuzana Markéta",
        "Novák/Nováková Svoboda/Svobodová Novotný/Novotná Dvořák/Dvořáková Černý/Černá "
        "Procházka/Procházková Kučera/Kučerová Veselý/Veselá Horák/Horáková Němec/Němcová "
        "Pokorný/Pokorná Pospíšil/Pospíšilová Hájek/Hájková Jelínek/Jelínková Král/Králová "
        "Růžička/Růžičková Beneš/Benešová Sedláček/Sedláčková Šťastný/Šťastná Říha/Říhová",
    ),
    _pool(
        "vi", 4, "VN",
        "Văn_Nam Minh_Tuấn Đức_Anh Quốc_Bảo Hoàng_Long Quang_Huy Hữu_Phước Xuân_Trường Hùng Dũng Tuấn "
        "Thành_Đạt",
        "Thị_Lan Thị_Thu_Hằng Ngọc_Ánh Thanh_Hương Phương_Thảo Minh_Châu Thùy_Dương Bảo_Ngọc Hương "
        "Phượng Nguyệt Thị_Hồng_Nhung",
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh",
    ),
    _pool(
        "tr", 4, "TR",
        "İsmail Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Ömer Yusuf Emre Burak Oğuz Çağlar "
        "İlker Barış",
        "Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Özlem Gülşen Büşra İrem Işıl Yıldız Ilgın Sıla",
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan "
        "Çetin Kara Koç Kurt Özkan Şimşek Işık Akın Güneş Altıntaş Çakır",
    ),
    _pool(
        "nordic", 3, "DK NO SE",
        "Søren Bjørn Jørgen Anders Lars Nils Mikael Åke Ørjan Henrik",
        "Åsa Ingrid Sigrid Mette Astrid Märta Solveig Kjersti Linnéa Kirsten",
        "Jørgensen Ångström Løkke Sørensen Nielsen Hansen Andersson Johansson Lindqvist Øster Bjørnstad "
        "Åberg Mæhle Söderström",
    ),
    _pool(
        "el", 3, "GR",
        "Νικόλαος=Nikolaos Γεώργιος=Georgios Κωνσταντίνος=Konstantinos Ιωάννης=Ioannis "
        "Δημήτριος=Dimitrios Παναγιώτης=Panagiotis Χρήστος=Christos Αθανάσιος=Athanasios "
        "Ευάγγελος=Evangelos Σπυρίδων=Spyridon Γιώργος=Giorgos",
        "Μαρία=Maria Ελένη=Eleni Αικατερίνη=Aikaterini Βασιλική=Vasiliki Σοφία=Sofia Αγγελική=Angeliki "
        "Ευαγγελία=Evangelia Γεωργία=Georgia Δέσποινα=Despoina Χριστίνα=Christina",
        "Παπαδόπουλος=Papadopoulos/Παπαδοπούλου=Papadopoulou Παπαδάκης=Papadakis/Παπαδάκη=Papadaki "
        "Γεωργίου=Georgiou Οικονόμου=Oikonomou Νικολάου=Nikolaou Βλάχος=Vlachos/Βλάχου=Vlachou "
        "Αντωνίου=Antoniou Μακρής=Makris/Μακρή=Makri Παππάς=Pappas/Παππά=Pappa "
        "Καραγιάννης=Karagiannis/Καραγιάννη=Karagianni Μιχαηλίδης=Michailidis/Μιχαηλίδου=Michailidou "
        "Αλεξίου=Alexiou Σταματόπουλος=Stamatopoulos/Σταματοπούλου=Stamatopoulou",
    ),
    _pool(
        "ru", 5, "RU",
        "Александр=Aleksandr Алексей=Aleksei Дмитрий=Dmitry Михаил=Mikhail Иван=Ivan Сергей=Sergei "
        "Владимир=Vladimir Николай=Nikolai Андрей=Andrei Юрий=Yuri Пётр=Pyotr",
        "Екатерина=Ekaterina Мария=Maria Наталья=Natalya Анастасия=Anastasia Елена=Elena Ольга=Olga "
        "Татьяна=Tatyana Анна=Anna Юлия=Yulia Ксения=Kseniya Алёна=Alyona",
        "Иванов=Ivanov/Иванова=Ivanova Смирнов=Smirnov/Смирнова=Smirnova "
        "Кузнецов=Kuznetsov/Кузнецова=Kuznetsova "
        "Попов=Popov/Попова=Popova Васильев=Vasilyev/Васильева=Vasilyeva Петров=Petrov/Петрова=Petrova "
        "Соколов=Sokolov/Соколова=Sokolova Михайлов=Mikhailov/Михайлова=Mikhailova "
        "Новиков=Novikov/Новикова=Novikova Фёдоров=Fyodorov/Фёдорова=Fyodorova "
        "Морозов=Morozov/Морозова=Morozova Волков=Volkov/Волкова=Volkova Лебедев=Lebedev/Лебедева=Lebedeva "
        "Козлов=Kozlov/Козлова=Kozlova Ильин=Ilyin/Ильина=Ilyina Шевченко=Shevchenko",
    ),
    _pool(
        "zh", 6, "CN",
        "伟=Wei 强=Qiang 磊=Lei 军=Jun 洋=Yang 勇=Yong 杰=Jie 涛=Tao 明=Ming 超=Chao 刚=Gang 浩然=Haoran "
        "子轩=Zixuan 建国=Jianguo",
        "芳=Fang 娜=Na 秀英=Xiuying 敏=Min 静=Jing 丽=Li 艳=Yan 娟=Juan 秀兰=Xiulan 霞=Xia 桂英=Guiying "
        "子涵=Zihan 欣怡=Xinyi 雨桐=Yutong",
        "王=Wang 李=Li 张=Zhang 刘=Liu 陈=Chen 杨=Yang 黄=Huang 赵=Zhao 吴=Wu 周=Zhou 徐=Xu 孙=Sun 马=Ma "
        "朱=Zhu 胡=Hu 郭=Guo 何=He 林=Lin 高=Gao 罗=Luo 欧阳=Ouyang 司马=Sima",
    ),
    _pool(
        "ja", 4, "JP",
        "翔太=Shota 大翔=Hiroto 蓮=Ren 陽翔=Haruto 悠真=Yuma 健太=Kenta 太郎=Taro 直樹=Naoki 誠=Makoto "
        "和也=Kazuya 大輔=Daisuke",
        "花子=Hanako 陽菜=Hina 結衣=Yui 美咲=Misaki さくら=Sakura 葵=Aoi 愛=Ai 由美子=Yumiko 恵子=Keiko "
        "裕子=Yuko みゆき=Miyuki あずさ=Azusa",
        "佐藤=Sato 鈴木=Suzuki 高橋=Takahashi 田中=Tanaka 伊藤=Ito 渡辺=Watanabe 山本=Yamamoto "
        "中村=Nakamura 小林=Kobayashi 加藤=Kato 吉田=Yoshida 山田=Yamada 佐々木=Sasaki 山口=Yamaguchi "
        "松本=Matsumoto 井上=Inoue 木村=Kimura 林=Hayashi 斎藤=Saito 清水=Shimizu",
    ),
    _pool(
        "ko", 3, "KR",
        "민준=Minjun 지훈=Jihoon 서준=Seojun 도윤=Doyoon 예준=Yejun 현우=Hyunwoo 철수=Cheolsu "
        "성민=Sungmin 재현=Jaehyun 동현=Donghyun",
        "서연=Seoyeon 지민=Jimin 하은=Haeun 수빈=Subin 지우=Jiwoo 민서=Minseo 영희=Younghee 은지=Eunji "
        "혜진=Hyejin 수아=Sua",
        "김=Kim 이=Lee 박=Park 최=Choi 정=Jung 강=Kang 조=Cho 윤=Yoon 장=Jang 임=Lim 한=Han 오=Oh 서=Seo "
        "신=Shin 권=Kwon 황보=Hwangbo",
    ),
    _pool(
        "ar", 4, "AE EG",
        "محمد=Mohammed أحمد=Ahmed علي=Ali عمر=Omar يوسف=Youssef خالد=Khaled حسن=Hassan إبراهيم=Ibrahim "
        "عبد_الله=Abdullah مصطفى=Mustafa",
        "فاطمة=Fatima عائشة=Aisha مريم=Maryam نور=Nour ليلى=Layla سارة=Sara زينب=Zainab خديجة=Khadija "
        "هدى=Huda رنا=Rana",
        "حداد=Haddad منصور=Mansour خوري=Khoury سليمان=Suleiman النجار=Al-Najjar عبدالله=Abdullah "
        "الشامي=Al-Shami حمدان=Hamdan صالح=Saleh عثمان=Othman المصري=Al-Masri ناصر=Nasser "
        "الهاشمي=Al-Hashemi",
    ),
    _pool(
        "he", 2, "IL",
        "דוד=David משה=Moshe יוסף=Yosef אברהם=Avraham יעקב=Yaakov אורי=Uri איתי=Itai עומר=Omer "
        "נועם=Noam",
        "נועה=Noa שרה=Sarah רחל=Rachel מיכל=Michal תמר=Tamar יעל=Yael שירה=Shira אביגיל=Avigail "
        "רבקה=Rivka",
        "כהן=Cohen לוי=Levi מזרחי=Mizrahi פרץ=Peretz ביטון=Biton דהן=Dahan אברהם=Avraham פרידמן=Friedman "
        "שפירא=Shapira גולדברג=Goldberg אזולאי=Azoulay כץ=Katz בן-דוד=Ben-David",
    ),
)

#: Pools by culture key.
POOLS_BY_KEY: Final = {pool.key: pool for pool in POOLS}

#: Letters NFKD does not decompose but that everyone writes in ASCII some other way.
_ASCII_SPECIALS: Final = str.maketrans(
    {
        "ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "ð": "d",
    }
)


def ascii_fold(text: str) -> str:
    """Latin text as people type it on an ASCII keyboard: "Łódź Straße" -> "Lodz Strasse"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_SPECIALS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def email_word(text: str) -> str:
    """A name reduced to the ASCII letters and digits an email local part is built from."""
    folded = ascii_fold(text).lower()
    return "".join(char for char in folded if char.isascii() and char.isalnum())
