"""Streets, cities and postcodes per country, written the way each country writes them.

Postcode layouts use ``#`` for a digit, ``@`` for a letter of the UK inward code and ``*`` for the city's
prefix written as is; a layout without ``*`` starts its digits with the prefix ("750" + "##" for Paris).
Street and city data use the pool syntax of ``names.py`` (``_`` for a space, ``native=latin``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

from importer.synth.names import Name, parse_names


#: Address second lines anyone writes in Latin letters.
GENERIC_SECOND_LINES: Final = ("Building B", "2nd Floor", "Rear entrance", "Unit 4", "c/o Reception")


@dataclass(frozen=True, slots=True)
class City:
    name: Name
    postcode_prefixes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Country:
    """How one country writes addresses; ``unit_format`` adds a flat or floor to ``{address}``."""

    code: str
    cities: tuple[City, ...]
    streets: tuple[Name, ...]
    postcode_layout: str  # "" where the country has no postcodes (UAE)
    street_format: str = "{number} {street}"
    latin_street_format: str = ""  # for romanized addresses; defaults to street_format
    unit_format: str = ""
    second_lines: tuple[str, ...] = GENERIC_SECOND_LINES
    block_numbers: bool = False  # Japanese "1-2-3" block numbers instead of house numbers

    def extra_lines(self, latin: bool) -> tuple[str, ...]:
        """Second address lines in the script the address is written in ("кв. 12" only in Cyrillic)."""
        romanized_country = any(native != romanized for native, romanized in self.streets)
        return GENERIC_SECOND_LINES if latin and romanized_country else self.second_lines


def _cities(spec: str) -> tuple[City, ...]:
    cities: list[City] = []
    for token in spec.split():
        name, _, prefixes = token.partition(":")
        cities.append(City(parse_names(name)[0], tuple(prefixes.split(",")) if prefixes else ("",)))
    return tuple(cities)


_COUNTRY_LIST: Final = (
    Country(
        "GB",
        _cities(
            "London:SW1A,EC1A,N1,NW3,SE10,E2,W1D,WC2H Manchester:M1,M14,M20 Birmingham:B1,B15 "
            "Edinburgh:EH1,EH8 Glasgow:G1,G12 Leeds:LS1,LS6 Bristol:BS1,BS8 Cardiff:CF10 Liverpool:L1,L8 "
            "Oxford:OX1 Cambridge:CB2 Belfast:BT1"
        ),
        parse_names(
            "High_Street Station_Road Church_Lane Victoria_Road Green_Lane Manor_Road Park_Avenue "
            "Queen's_Road King's_Road Baker_Street Abbey_Road Mill_Lane The_Crescent Kensington_High_Street"
        ),
        "* #@@",
        unit_format="Flat {unit}, {address}",
    ),
    Country(
        "US",
        _cities(
            "New_York:100,101,102 Chicago:606 Los_Angeles:900 Houston:770 Phoenix:850 Seattle:981 Boston:021 "
            "Miami:331 Denver:802 Atlanta:303 Springfield:627,011 San_José:951"
        ),
        parse_names(
            "Main_Street Oak_Avenue Maple_Drive Elm_Street Washington_Boulevard 5th_Avenue Sunset_Boulevard "
            "Evergreen_Terrace Park_Place Lake_Shore_Drive Martin_Luther_King_Jr_Blvd Cedar_Lane"
        ),
        "#####",
        unit_format="{address}, Apt {unit}{letter}",
        second_lines=("Apt 4B", "Suite 200", "Floor 3", "PO Box 1234"),
    ),
    Country(
        "DE",
        _cities(
            "Berlin:10,12,13 Hamburg:20,22 München:80,81 Köln:50,51 Frankfurt_am_Main:60 Stuttgart:70 "
            "Düsseldorf:40 Leipzig:04 Dresden:01 Nürnberg:90 Würzburg:97 Gießen:353"
        ),
        parse_names(
            "Hauptstraße Bahnhofstraße Schillerstraße Goethestraße Gartenstraße Lindenallee Am_Markt "
            "Friedrichstraße Kurfürstendamm Königsallee Marienplatz Mühlenweg Schloßstraße Große_Straße"
        ),
        "#####",
        street_format="{street} {number}",
        unit_format="{address}, {unit}. OG",
        second_lines=("Hinterhaus", "2. OG", "Seitenflügel links", "bei Müller"),
    ),
    Country(
        "FR",
        _cities(
            "Paris:750 Lyon:690 Marseille:130 Toulouse:310 Nice:060 Nantes:440 Strasbourg:670 "
            "Montpellier:340 Bordeaux:330 Lille:590 Besançon:250 Orléans:450 Saint-Étienne:420"
        ),
        parse_names(
            "rue_de_la_Paix rue_du_Faubourg_Saint-Honoré avenue_des_Champs-Élysées boulevard_Haussmann "
            "rue_de_Rivoli place_de_la_République rue_Victor-Hugo allée_des_Tilleuls chemin_des_Écoliers "
            "quai_de_la_Tournelle rue_Émile-Zola"
        ),
        "#####",
        unit_format="{address}, Bât. {letter}",
        second_lines=("Bâtiment B", "Escalier 3", "Résidence les Pins", "BP 42"),
    ),
    Country(
        "ES",
        _cities(
            "Madrid:280 Barcelona:080 Valencia:460 Sevilla:410 Zaragoza:500 Málaga:290 A_Coruña:150 "
            "Logroño:260 Cádiz:110"
        ),
        parse_names(
            "Calle_Mayor Gran_Vía Calle_de_Alcalá Paseo_de_la_Castellana Avenida_de_la_Constitución "
            "Plaza_de_España Calle_del_Carmen Rambla_de_Catalunya Calle_Núñez_de_Balboa Avenida_Diagonal"
        ),
        "#####",
        street_format="{street}, {number}",
        unit_format="{address}, {unit}º {letter}",
        second_lines=("Escalera 2", "3º izquierda", "Bajo B"),
    ),
    Country(
        "PT",
        _cities("Lisboa:10,11,12,17 Porto:40,41 Braga:47 Coimbra:30 Faro:80"),
        parse_names(
            "Rua_Augusta Avenida_da_Liberdade Rua_do_Ouro Praça_do_Comércio Rua_de_Santa_Catarina "
            "Avenida_dos_Aliados Rua_Garrett Travessa_do_Carmo"
        ),
        "####-###",
        street_format="{street}, {number}",
        second_lines=("2º Esq.", "R/C Dto.", "Bloco B"),
    ),
    Country(
        "BR",
        _cities(
            "São_Paulo:01,02,04,05 Rio_de_Janeiro:20,22 Belo_Horizonte:30 Brasília:70 Salvador:40 "
            "Curitiba:80 Recife:50"
        ),
        parse_names(
            "Avenida_Paulista Rua_Augusta Rua_Oscar_Freire Avenida_Atlântica Rua_XV_de_Novembro "
            "Avenida_Brasil Rua_da_Consolação"
        ),
        "#####-###",
        street_format="{street}, {number}",
        second_lines=("Apto 101", "Bloco C", "Casa 2"),
    ),
    Country(
        "PL",
        _cities(
            "Warszawa:00,01,02,03 Kraków:30,31 Łódź:90,91 Wrocław:50,51 Poznań:60,61 Gdańsk:80 Szczecin:70 "
            "Białystok:15"
        ),
        parse_names(
            "ul._Marszałkowska ul._Piotrkowska ul._Floriańska Aleje_Jerozolimskie ul._Długa "
            "ul._Świętokrzyska ul._Mickiewicza ul._Żeromskiego Plac_Zamkowy ul._Łąkowa"
        ),
        "##-###",
        street_format="{street} {number}",
        unit_format="{address}/{unit}",
        second_lines=("klatka B", "piętro 3", "lok. 5"),
    ),
    Country(
        "CZ",
        _cities(
            "Praha:110,120,130,140,150,160 Brno:602,612,615 Ostrava:702 Plzeň:301 České_Budějovice:370 "
            "Olomouc:779"
        ),
        parse_names(
            "Václavské_náměstí Národní Vinohradská Karlova Husova Nerudova Masarykova Žitná Křižíkova "
            "Pražská"
        ),
        "### ##",
        street_format="{street} {number}",
        second_lines=("3. patro", "vchod B"),
    ),
    Country(
        "VN",
        _cities("Hà_Nội:10,11,12 Thành_phố_Hồ_Chí_Minh:70,71,72 Đà_Nẵng:50 Hải_Phòng:04 Huế:49 Cần_Thơ:94"),
        parse_names(
            "Đường_Lê_Lợi Phố_Hàng_Bạc Đường_Nguyễn_Huệ Đường_Trần_Hưng_Đạo Phố_Hai_Bà_Trưng "
            "Đường_Điện_Biên_Phủ Phố_Huế Đường_Võ_Văn_Tần Đường_Lý_Thường_Kiệt"
        ),
        "#####",
        second_lines=("Phường Bến Nghé", "Tầng 3", "Ngõ 12"),
    ),
    Country(
        "TR",
        _cities(
            "İstanbul:34 Ankara:06 İzmir:35 Bursa:16 Antalya:07 Diyarbakır:21 Eskişehir:26 Muğla:48 Iğdır:76"
        ),
        parse_names(
            "Atatürk_Caddesi İstiklal_Caddesi Cumhuriyet_Caddesi Bağdat_Caddesi Gazi_Mustafa_Kemal_Bulvarı "
            "İnönü_Sokak Çiçek_Sokak Işıklar_Caddesi Kızılay_Meydanı"
        ),
        "#####",
        street_format="{street} No: {number}",
        unit_format="{address} D:{unit}",
        second_lines=("Kat 3", "Daire 12", "Kadıköy"),
    ),
    Country(
        "GR",
        _cities(
            "Αθήνα=Athina:104,105,106,115 Θεσσαλονίκη=Thessaloniki:546 Πάτρα=Patra:262 Ηράκλειο=Irakleio:712 "
            "Λάρισα=Larisa:412 Βόλος=Volos:383"
        ),
        parse_names(
            "Ερμού=Ermou Σταδίου=Stadiou Πανεπιστημίου=Panepistimiou Ακαδημίας=Akadimias Εγνατίας=Egnatias "
            "Τσιμισκή=Tsimiski Λεωφόρος_Κηφισίας=Leoforos_Kifisias Οδός_Αιόλου=Odos_Aiolou Πατησίων=Patision"
        ),
        "### ##",
        street_format="{street} {number}",
        second_lines=("3ος όροφος", "Διαμέρισμα 4"),
    ),
    Country(
        "RU",
        _cities(
            "Москва=Moskva:101,103,105,107,115,119,125 Санкт-Петербург=Sankt-Peterburg:190,191,195,197 "
            "Новосибирск=Novosibirsk:630 Екатеринбург=Yekaterinburg:620 Казань=Kazan:420 "
            "Нижний_Новгород=Nizhny_Novgorod:603"
        ),
        parse_names(
            "ул._Тверская=ul._Tverskaya Невский_проспект=Nevsky_prospekt ул._Арбат=ul._Arbat "
            "Ленинский_проспект=Leninsky_prospekt ул._Пушкина=ul._Pushkina ул._Ленина=ul._Lenina "
            "ул._Гагарина=ul._Gagarina наб._Фонтанки=nab._Fontanki"
        ),
        "######",
        street_format="{street}, д. {number}",
        latin_street_format="{street}, d. {number}",
        second_lines=("кв. 12", "подъезд 3", "корп. 2"),
    ),
    Country(
        "CN",
        _cities(
            "北京=Beijing:100 上海=Shanghai:200 广州=Guangzhou:510 深圳=Shenzhen:518 成都=Chengdu:610 杭州=Hangzhou:310 "
            "武汉=Wuhan:430"
        ),
        parse_names(
            "长安街=Chang'an_Jie 南京路=Nanjing_Lu 淮海中路=Huaihai_Zhonglu 中山路=Zhongshan_Lu 人民路=Renmin_Lu "
            "解放路=Jiefang_Lu 建国门外大街=Jianguomenwai_Dajie"
        ),
        "######",
        street_format="{street}{number}号",
        latin_street_format="{number} {street}",
        second_lines=("3号楼2单元", "501室"),
    ),
    Country(
        "JP",
        _cities(
            "東京都=Tokyo:100,104,105,106,150,160 大阪市=Osaka:530,542 京都市=Kyoto:600,604 横浜市=Yokohama:220,231 "
            "札幌市=Sapporo:060 名古屋市=Nagoya:450,460 福岡市=Fukuoka:810"
        ),
        parse_names(
            "本町=Honcho 栄町=Sakaemachi 中町=Nakamachi 緑町=Midoricho 旭町=Asahimachi 桜木町=Sakuragicho 東町=Higashimachi "
            "駅前=Ekimae"
        ),
        "###-####",
        street_format="{street}{number}",
        latin_street_format="{number} {street}",
        block_numbers=True,
        second_lines=("サンハイツ101号室", "3階"),
    ),
    Country(
        "KR",
        _cities(
            "서울=Seoul:01,02,03,04,05,06 부산=Busan:46,47,48 인천=Incheon:21,22 대구=Daegu:41,42 대전=Daejeon:34,35 "
            "광주=Gwangju:61,62"
        ),
        parse_names(
            "세종대로=Sejong-daero 테헤란로=Teheran-ro 중앙로=Jungang-ro 올림픽로=Olympic-ro 강남대로=Gangnam-daero "
            "해운대로=Haeundae-ro 충장로=Chungjang-ro"
        ),
        "#####",
        street_format="{street} {number}",
        second_lines=("101동 1203호", "3층"),
    ),
    Country(
        "AE",
        _cities("دبي=Dubai أبو_ظبي=Abu_Dhabi الشارقة=Sharjah عجمان=Ajman"),
        parse_names(
            "شارع_الشيخ_زايد=Sheikh_Zayed_Road شارع_الوصل=Al_Wasl_Road شارع_الملك_فيصل=King_Faisal_Street "
            "شارع_حمدان=Hamdan_Street شارع_الكورنيش=Corniche_Road"
        ),
        "",
        street_format="{street} {number}",
        latin_street_format="{number} {street}",
        second_lines=("فيلا 12", "الطابق 3"),
    ),
    Country(
        "EG",
        _cities("القاهرة=Cairo:115,113,117 الإسكندرية=Alexandria:21 الجيزة=Giza:12"),
        parse_names(
            "شارع_التحرير=Tahrir_Street شارع_طلعت_حرب=Talaat_Harb_Street شارع_الهرم=Al_Haram_Street "
            "كورنيش_النيل=Corniche_El_Nil"
        ),
        "#####",
        street_format="{street} {number}",
        latin_street_format="{number} {street}",
        second_lines=("شقة 5", "الدور الثاني"),
    ),
    Country(
        "IL",
        _cities(
            "תל_אביב-יפו=Tel_Aviv-Yafo:61,62,63,64,65,66,67,68,69 ירושלים=Jerusalem:91,92,93,94,95,96,97 "
            "חיפה=Haifa:31,32,33,34,35 באר_שבע=Be'er_Sheva:84"
        ),
        parse_names(
            "הרצל=Herzl רוטשילד=Rothschild דיזנגוף=Dizengoff בן_יהודה=Ben_Yehuda יפו=Yafo אלנבי=Allenby "
            "ז'בוטינסקי=Jabotinsky"
        ),
        "#######",
        street_format="{street} {number}",
        latin_street_format="{number} {street}",
        second_lines=("דירה 4", "קומה 2"),
    ),
    Country(
        "DK",
        _cities("København:1,2 Aarhus:8 Odense:5 Aalborg:9"),
        parse_names("Strøget Nørrebrogade Vesterbrogade Østergade Åboulevard Søndergade"),
        "####",
        street_format="{street} {number}",
        second_lines=("2. tv.", "st. th."),
    ),
    Country(
        "NO",
        _cities("Oslo:01,02,03,04,05 Bergen:50 Trondheim:70 Tromsø:90"),
        parse_names(
            "Karl_Johans_gate Storgata Kirkegata Bryggen Møllergata Thorvald_Meyers_gate Øvre_Slottsgate"
        ),
        "####",
        street_format="{street} {number}",
        second_lines=("H0201", "Leilighet 3"),
    ),
    Country(
        "SE",
        _cities("Stockholm:111,113,114,116 Göteborg:411,413 Malmö:211 Uppsala:753"),
        parse_names(
            "Drottninggatan Storgatan Kungsgatan Sveavägen Götgatan Östermalmsgatan Åsögatan Sjövägen"
        ),
        "### ##",
        street_format="{street} {number}",
        second_lines=("lgh 1102", "c/o Andersson"),
    ),
)

#: Countries by ISO 3166 code.
COUNTRIES: Final = {country.code: country for country in _COUNTRY_LIST}

#: Where people from any culture most often live when they do not live in their home country.
DIASPORA_COUNTRIES: Final = ("GB", "US", "DE", "FR")

_UK_INWARD_LETTERS: Final = "ABDEFGHJLNPQRSTUWXYZ"
_UNIT_LETTERS: Final = "ABCD"


def make_postcode(rng: random.Random, country: Country, city: City) -> str:
    """A postcode of ``city`` in the country's layout, e.g. "SW1A 2AB", "75011", "100-0005"."""
    layout = country.postcode_layout
    if not layout:
        return ""
    prefix = rng.choice(city.postcode_prefixes)
    literal_prefix = "*" in layout
    missing = layout.count("#") - (0 if literal_prefix else len(prefix))
    digits = iter(("" if literal_prefix else prefix) + f"{rng.randrange(10**missing):0{missing}d}")
    out: list[str] = []
    for char in layout:
        if char == "#":
            out.append(next(digits))
        elif char == "@":
            out.append(rng.choice(_UK_INWARD_LETTERS))
        elif char == "*":
            out.append(prefix)
        else:
            out.append(char)
    return "".join(out)


def make_street(rng: random.Random, country: Country, latin: bool) -> str:
    """A street address line: "12 High Street", "Hauptstraße 5", "ул. Тверская, д. 7", "本町1-2-3"."""
    street = rng.choice(country.streets)[1 if latin else 0]
    if country.block_numbers:
        number = f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
    else:
        number = str(rng.randint(1, 199))
    template = country.latin_street_format if latin and country.latin_street_format else country.street_format
    address = template.format(street=street, number=number)
    if country.unit_format and rng.random() < 0.08:
        unit = str(rng.randint(1, 9))
        address = country.unit_format.format(address=address, unit=unit, letter=rng.choice(_UNIT_LETTERS))
    return address
