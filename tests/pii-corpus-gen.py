#!/usr/bin/env python3
# pii-corpus-gen.py: a labelled corpus of support transcripts for personal-data detection
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Chat logs, e-mail threads and call transcripts between a requester, support staff and the
# people they mention, with the ground truth of every personal identifier (and its owner:
# subject, staff or third_party) and of the look-alikes that must stay (order, ticket,
# tracking and invoice numbers, product codes, dates, amounts, the company's own addresses).
#
# The names, streets and phrasings here are written for this generator and are not taken
# from the detector's gazetteer (data/pii): many of the names are not in it.
#
#   pii-corpus-gen.py --seed 7 --size 1MB --out sample.jsonl       (labels, one document a line)
#   pii-corpus-gen.py --seed 7 --size 50MB --text --out corpus.txt (text only, for throughput)
#
# JSONL fields: id, kind, text, subject {names, emails, phones, accounts}, allow [...],
# spans [{start, end, type, role}] with code-point offsets, end exclusive.

import argparse
import json
import random
import sys

FIRST = """Anna Aoife Siobhán Niamh Oisín Cian Seán Ciara Méabh Tadhg Liam Noah Olivia Emma Ava
Sophia Isabella Mia Amelia Harper Evelyn James Oliver Benjamin Lucas Henry Alexander Mason
Ethan Daniel Matthew Jack Harry George Charlie Thomas Oscar William Leo Alfie Freya Isla
Poppy Ella Grace Lily Jessica Ruby Chloe Sophie Lukas Felix Jonas Maximilian Paul Leon Finn
Hannah Lena Lea Marie Johanna Clara Jürgen Dieter Björn Sören Zoë Chloé Léa Manon Camille
Inès Théo Hugo Louis Gabriel Raphaël Jules Élodie Mathéo Lucía Sofía Martina Valentina
Alejandro Javier Mateo Álvaro Diego Pablo Carmen Pilar Giulia Francesca Chiara Alessandro
Lorenzo Matteo Giuseppe Federico Riccardo Sanne Femke Daan Bram Thijs Sem Ruben Lotte Fleur
Joost Maarten João Gabriela Thiago Rafael Beatriz Larissa Priya Aarav Ananya Rohan Vikram
Deepa Chidi Ngozi Emeka Amara Kwame Yaw Thandiwe Sipho Zanele Wei Mei Jun Hiroshi Yuki Haruto
Minh Linh Thanh Hye-jin Seo-yeon Ji-ho Fatima Omar Yusuf Aisha Layla Karim Mehmet Elif Emre
Olga Dmitri Katarzyna Piotr Agnieszka Tomasz Bartholomew Cormac Ffion Rhys Eilidh Callum
Mairead Declan Padraig Grainne Róisín Dermot Ingrid Astrid Sven Magnus Kaia Henrik""".split()

LAST = """Schmidt Murphy Kelly O'Brien Byrne Ryan Walsh O'Connor McCarthy Doyle Smith Jones
Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright
Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin
Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott
Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter
Richardson Bailey Collins Bell Shaw Müller Schneider Fischer Weber Meyer Wagner Becker
Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Zimmermann Krüger
Dubois Durand Lefebvre Moreau Laurent Simon Michel Garnier Faure Rousseau Blanc Guérin
García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Ruiz Hernández
Jiménez Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo
Conti De Luca Mancini Jansen De Vries Van den Berg Bakker Visser Smit Meijer De Boer
Mulder Bos Vos Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes
Costa Ribeiro Okafor Adeyemi Mensah Nkosi Dlamini Nguyen Tran Pham Kim Park Choi Tanaka
Suzuki Sato Wang Li Zhang Chen Liu Sharma Gupta Singh Iyer Reddy Khan Ahmed Hassan Yilmaz
Kaya Kowalczyk Nowak Wiśniewski Ivanova Petrov Novak Horvath Andersen Johansson Nielsen
Lindqvist Fitzgerald MacLeod Ó Súilleabháin Nic Giolla Bhríde Abernathy Okonkwo""".split()

STREETS_EN = """Baker Elm Oak Maple Cedar Pine Church High Station Mill Park Victoria Albert
Queen King Market Bridge Chapel Manor Springfield Riverside Willow Orchard Highfield Main
Washington Lincoln Jefferson Madison Franklin Sunset Evergreen Lakeview Hawthorn
Kingsley Ashford Beechwood Primrose Clarendon Trinity""".split()
SUFFIX_US = ["Street", "St", "Avenue", "Ave", "Road", "Rd", "Drive", "Dr", "Lane", "Ln",
             "Boulevard", "Blvd", "Court", "Way", "Place", "Terrace"]
SUFFIX_UK = ["Street", "Road", "Lane", "Avenue", "Close", "Crescent", "Gardens", "Grove",
             "Terrace", "Way", "Drive", "Place", "Mews", "Square"]
US_CITIES = [("Springfield", "IL"), ("Portland", "OR"), ("Austin", "TX"), ("Denver", "CO"),
             ("Columbus", "OH"), ("San Jose", "CA"), ("Boston", "MA"), ("Madison", "WI"),
             ("Raleigh", "NC"), ("Tampa", "FL")]
UK_TOWNS = ["London", "Manchester", "Leeds", "Bristol", "Sheffield", "Brighton", "Cardiff",
            "Edinburgh", "Glasgow", "Norwich", "York"]
IE_TOWNS = ["Dublin 4", "Cork", "Galway", "Limerick", "Kilkenny", "Sligo"]
DE_STREETS = ["Hauptstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee", "Schillerstraße",
              "Goethestraße", "Marktplatz", "Am Rosengarten", "Bergstraße", "Kirchgasse"]
DE_TOWNS = [("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("20095", "Hamburg"),
            ("60311", "Frankfurt am Main")]
FR_STREETS = ["rue de Rivoli", "rue Victor Hugo", "avenue des Champs-Élysées",
              "boulevard Saint-Michel", "rue de la République", "allée des Tilleuls",
              "place Bellecour"]
FR_TOWNS = [("75001", "Paris"), ("69002", "Lyon"), ("13001", "Marseille"), ("31000", "Toulouse")]
ES_STREETS = ["Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Paseo del Prado",
              "Calle Serrano"]
ES_TOWNS = [("28013", "Madrid"), ("08001", "Barcelona"), ("41001", "Sevilla")]
IT_STREETS = ["Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele", "Piazza Navona",
              "Via dei Condotti"]
IT_TOWNS = [("00184", "Roma"), ("20121", "Milano"), ("50122", "Firenze")]
NL_STREETS = ["Keizersgracht", "Prinsengracht", "Dorpsstraat", "Kerkstraat", "Stationsplein"]
NL_TOWNS = [("1015 CJ", "Amsterdam"), ("3011 AB", "Rotterdam"), ("2511 BT", "Den Haag")]

COMPANIES = [("Acme", "acme.com"), ("Northwind", "northwind.co.uk"), ("Globex", "globex.de"),
             ("Initech", "initech.io"), ("Umbrella Retail", "umbrella-retail.ie")]
MAIL_HOSTS = ["gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com", "hotmail.com",
              "web.de", "gmx.de", "orange.fr", "libero.it", "ziggo.nl", "eircom.net",
              "protonmail.com", "uol.com.br", "bigpond.com"]
RELATIONS = ["wife", "husband", "partner", "son", "daughter", "mother", "father", "brother",
             "sister", "neighbour", "colleague", "friend", "flatmate", "landlord"]
DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


class Doc:
    def __init__(self, kind):
        self.kind = kind
        self.parts = []
        self.length = 0
        self.spans = []

    def add(self, text, typ=None, role=None):
        if typ is not None:
            self.spans.append({"start": self.length, "end": self.length + len(text),
                               "type": typ, "role": role})
        self.parts.append(text)
        self.length += len(text)

    def text(self):
        return "".join(self.parts)


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p):
        return self.r.random() < p

    def digits(self, n):
        return "".join(str(self.r.randrange(10)) for _ in range(n))

    # --- people -------------------------------------------------------------------------
    def person(self):
        first = self.pick(FIRST)
        last = self.pick(LAST)
        host = self.pick(MAIL_HOSTS)
        fl = first.lower().encode("ascii", "ignore").decode() or "user"
        ll = last.lower().replace(" ", "").replace("'", "").encode("ascii", "ignore").decode() or "x"
        email = self.pick([f"{fl}.{ll}@{host}", f"{fl[0]}{ll}{self.r.randrange(10, 99)}@{host}",
                           f"{fl}_{ll[0]}@{host}", f"{ll}.{fl}@{host}", f"{fl}{ll}@{host}"])
        return {"first": first, "last": last, "email": email, "phone": self.phone()}

    # --- identifiers ---------------------------------------------------------------------
    def nanp(self):
        area = str(self.r.randrange(2, 10)) + str(self.r.randrange(0, 9)) + str(self.r.randrange(10))
        exch = str(self.r.randrange(2, 10)) + self.digits(2)
        return area, exch, self.digits(4)

    def phone(self):
        c = self.r.randrange(11)
        if c == 0:  # US / CA
            a, e, n = self.nanp()
            return self.pick([f"({a}) {e}-{n}", f"{a}-{e}-{n}", f"{a}.{e}.{n}", f"+1 {a} {e} {n}",
                              f"1-{a}-{e}-{n}", f"+1 ({a}) {e}-{n}", f"{a} {e} {n}"])
        if c == 1:  # UK
            m = "7" + str(self.r.randrange(1, 10)) + self.digits(2)
            rest = self.digits(6)
            land = self.pick(["20 7946", "161 496", "113 496", "117 496", "131 496"])
            return self.pick([f"0{m} {rest}", f"+44 {m} {rest}", f"+44 (0){m} {rest}",
                              f"0{land} {self.digits(4)}", f"+44 {land} {self.digits(4)}",
                              f"0{m}{rest}"])
        if c == 2:  # IE
            return self.pick([f"08{self.r.choice('35679')} {self.digits(3)} {self.digits(4)}",
                              f"+353 8{self.r.choice('35679')} {self.digits(3)} {self.digits(4)}",
                              f"01 {self.digits(3)} {self.digits(4)}",
                              f"+353 1 {self.digits(3)} {self.digits(4)}"])
        if c == 3:  # DE
            return self.pick([f"015{self.r.randrange(1, 8)} {self.digits(8)}",
                              f"+49 15{self.r.randrange(1, 8)} {self.digits(4)} {self.digits(4)}",
                              f"030 {self.digits(8)}", f"+49 30 {self.digits(7)}",
                              f"+49 (0)89 {self.digits(6)}", f"0176/{self.digits(8)}"])
        if c == 4:  # FR
            p = [str(self.r.choice([1, 2, 3, 4, 5, 6, 7, 9]))] + [self.digits(2) for _ in range(4)]
            return self.pick([f"0{p[0]} {p[1]} {p[2]} {p[3]} {p[4]}", f"+33 {p[0]} {p[1]} {p[2]} {p[3]} {p[4]}",
                              f"0{p[0]}.{p[1]}.{p[2]}.{p[3]}.{p[4]}", f"+33 (0){p[0]} {p[1]} {p[2]} {p[3]} {p[4]}"])
        if c == 5:  # ES
            f = self.r.choice("67") + self.digits(2)
            return self.pick([f"{f} {self.digits(3)} {self.digits(3)}", f"+34 {f} {self.digits(3)} {self.digits(3)}",
                              f"+34 {f} {self.digits(2)} {self.digits(2)} {self.digits(2)}",
                              f"91 {self.digits(3)} {self.digits(2)} {self.digits(2)}"])
        if c == 6:  # IT
            return self.pick([f"3{self.digits(2)} {self.digits(3)} {self.digits(4)}",
                              f"+39 3{self.digits(2)} {self.digits(7)}",
                              f"+39 06 {self.digits(4)} {self.digits(4)}", f"02 {self.digits(8)}"])
        if c == 7:  # NL
            return self.pick([f"06-{self.digits(8)}", f"06 {self.digits(8)}", f"+31 6 {self.digits(8)}",
                              f"020 {self.digits(3)} {self.digits(4)}", f"+31 20 {self.digits(3)} {self.digits(4)}"])
        if c == 8:  # BR
            return self.pick([f"(11) 9{self.digits(4)}-{self.digits(4)}", f"+55 11 9{self.digits(4)}-{self.digits(4)}",
                              f"(21) {self.digits(4)}-{self.digits(4)}", f"+55 21 9{self.digits(4)} {self.digits(4)}"])
        if c == 9:  # CA
            a = self.pick(["416", "604", "514", "613", "403"])
            return self.pick([f"({a}) {self.r.randrange(2, 10)}{self.digits(2)}-{self.digits(4)}",
                              f"+1 {a} {self.r.randrange(2, 10)}{self.digits(2)} {self.digits(4)}",
                              f"{a}-{self.r.randrange(2, 10)}{self.digits(2)}-{self.digits(4)}"])
        # AU
        return self.pick([f"04{self.digits(2)} {self.digits(3)} {self.digits(3)}",
                          f"+61 4{self.digits(2)} {self.digits(3)} {self.digits(3)}",
                          f"(02) {self.digits(4)} {self.digits(4)}", f"+61 2 {self.digits(4)} {self.digits(4)}"])

    def spoken(self, digits):
        words = []
        i = 0
        while i < len(digits):
            d = digits[i]
            if i + 1 < len(digits) and digits[i + 1] == d and self.chance(0.5):
                words.append("double " + self.spoken_digit(d))
                i += 2
                continue
            words.append(self.spoken_digit(d))
            i += 1
        sep = self.pick([" ", " ", ", "])
        return sep.join(words)

    def spoken_digit(self, d):
        if d == "0" and self.chance(0.4):
            return "oh"
        return DIGIT_WORDS[int(d)]

    @staticmethod
    def luhn_complete(body):
        total = 0
        for i, ch in enumerate(reversed(body)):
            d = int(ch)
            if i % 2 == 0:
                d = d * 2
                if d > 9:
                    d -= 9
            total += d
        return body + str((10 - total % 10) % 10)

    def card(self):
        kind = self.r.randrange(4)
        if kind == 0:
            num = self.luhn_complete("4" + self.digits(14))
        elif kind == 1:
            num = self.luhn_complete(str(self.r.randrange(51, 56)) + self.digits(13))
        elif kind == 2:
            num = self.luhn_complete(self.pick(["34", "37"]) + self.digits(12))
            return self.pick([f"{num[:4]} {num[4:10]} {num[10:]}", num, f"{num[:4]}-{num[4:10]}-{num[10:]}"]), num
        else:
            num = self.luhn_complete("6011" + self.digits(11))
        groups = [num[i:i + 4] for i in range(0, 16, 4)]
        return self.pick([" ".join(groups), "-".join(groups), num, " ".join(groups)]), num

    IBAN_FORMATS = {"GB": "AAAA" + "9" * 14, "DE": "9" * 18, "FR": "9" * 23, "ES": "9" * 20,
                    "IT": "A" + "9" * 22, "NL": "AAAA" + "9" * 10, "IE": "AAAA" + "9" * 14,
                    "BE": "9" * 12}

    def iban(self):
        cc = self.pick(list(self.IBAN_FORMATS))
        bban = "".join(self.r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if c == "A" else str(self.r.randrange(10))
                       for c in self.IBAN_FORMATS[cc])
        rearranged = bban + cc + "00"
        num = int("".join(str(int(ch, 36)) for ch in rearranged))
        check = 98 - num % 97
        iban = f"{cc}{check:02d}{bban}"
        if self.chance(0.55):
            return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
        return iban

    def ssn(self):
        while True:
            area = self.r.randrange(1, 900)
            if area != 666:
                break
        s = f"{area:03d}-{self.r.randrange(1, 100):02d}-{self.r.randrange(1, 10000):04d}"
        return s if self.chance(0.85) else s.replace("-", " ")

    def nino(self):
        first = self.pick("ABCEGHJKLMNOPRSTWXYZ")
        second = self.pick("ABCEGHJKLMNPRSTWXYZ")
        while first + second in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            second = self.pick("ABCEGHJKLMNPRSTWXYZ")
        d = self.digits(6)
        suffix = self.pick("ABCD")
        if self.chance(0.5):
            return f"{first}{second} {d[:2]} {d[2:4]} {d[4:]} {suffix}"
        return f"{first}{second}{d}{suffix}"

    def nhs(self):
        while True:
            body = str(self.r.choice([4, 6, 7])) + self.digits(8)
            total = sum(int(body[i]) * (10 - i) for i in range(9))
            check = 11 - total % 11
            if check == 11:
                check = 0
            if check != 10:
                n = body + str(check)
                return self.pick([f"{n[:3]} {n[3:6]} {n[6:]}", n, f"{n[:3]}-{n[3:6]}-{n[6:]}"])

    def ipv4(self):
        return ".".join(str(x) for x in [self.r.randrange(1, 224), self.r.randrange(256),
                                          self.r.randrange(256), self.r.randrange(1, 255)])

    def ipv6(self):
        groups = ["%x" % self.r.randrange(65536) for _ in range(8)]
        if self.chance(0.5):
            return "2001:db8::" + ":".join(groups[:3])
        return ":".join(groups)

    def dob(self):
        y, m, d = self.r.randrange(1940, 2006), self.r.randrange(1, 13), self.r.randrange(1, 29)
        return self.pick([f"{d:02d}/{m:02d}/{y}", f"{m}/{d}/{y}", f"{y}-{m:02d}-{d:02d}",
                          f"{d} {MONTHS[m - 1]} {y}", f"{MONTHS[m - 1]} {d}, {y}",
                          f"{d}.{m:02d}.{y}", f"{MONTHS[m - 1]} {d}{self.ordinal(d)}, {y}",
                          f"{d}{self.ordinal(d)} of {MONTHS[m - 1]} {y}"])

    @staticmethod
    def ordinal(d):
        return "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")

    def address(self):
        c = self.r.randrange(9)
        n = self.r.randrange(1, 400)
        if c in (0, 1):
            city, st = self.pick(US_CITIES)
            zipc = self.digits(5)
            return self.pick([f"{n} {self.pick(STREETS_EN)} {self.pick(SUFFIX_US)}, {city}, {st} {zipc}",
                              f"{n} {self.pick(STREETS_EN)} {self.pick(SUFFIX_US)}, Apt {self.r.randrange(1, 30)}, {city}, {st} {zipc}",
                              f"{n} {self.pick(STREETS_EN)} {self.pick(SUFFIX_US)}"])
        if c in (2, 3):
            pc = f"{self.pick(['SW', 'NW', 'E', 'M', 'LS', 'BS', 'EH', 'G', 'CF'])}{self.r.randrange(1, 20)} {self.r.randrange(1, 10)}{self.pick('ABDEFGHJLNPQRSTUWXYZ')}{self.pick('ABDEFGHJLNPQRSTUWXYZ')}"
            return self.pick([f"{n} {self.pick(STREETS_EN)} {self.pick(SUFFIX_UK)}, {self.pick(UK_TOWNS)} {pc}",
                              f"Flat {self.r.randrange(1, 20)}, {n} {self.pick(STREETS_EN)} {self.pick(SUFFIX_UK)}, {self.pick(UK_TOWNS)}",
                              f"{n} {self.pick(STREETS_EN)} {self.pick(SUFFIX_UK)}, {pc}"])
        if c == 4:
            return f"{n} {self.pick(STREETS_EN)} {self.pick(['Road', 'Street', 'Avenue', 'Park'])}, {self.pick(IE_TOWNS)}"
        if c == 5:
            plz, town = self.pick(DE_TOWNS)
            return f"{self.pick(DE_STREETS)} {n}, {plz} {town}"
        if c == 6:
            cp, town = self.pick(FR_TOWNS)
            return f"{n} {self.pick(FR_STREETS)}, {cp} {town}"
        if c == 7:
            if self.chance(0.5):
                cp, town = self.pick(ES_TOWNS)
                return f"{self.pick(ES_STREETS)} {n}, {cp} {town}"
            cp, town = self.pick(IT_TOWNS)
            return f"{self.pick(IT_STREETS)} {n}, {cp} {town}"
        pc, town = self.pick(NL_TOWNS)
        return f"{self.pick(NL_STREETS)} {n}, {pc} {town}"

    # --- look-alikes ---------------------------------------------------------------------
    def order_number(self):
        return self.pick([f"{self.digits(3)}-{self.digits(7)}-{self.digits(7)}", self.digits(10),
                          f"ORD-{self.r.randrange(2019, 2027)}-{self.digits(6)}", self.digits(16),
                          f"A{self.digits(8)}", self.digits(8), f"{self.digits(4)} {self.digits(4)} {self.digits(4)} {self.digits(4)}"])

    def ticket(self):
        return self.pick([f"#{self.digits(5)}", f"TCK-{self.r.randrange(2019, 2027)}-{self.digits(5)}",
                          f"INC{self.digits(7)}", f"CS-{self.digits(6)}", self.digits(8)])

    def tracking(self):
        return self.pick([f"1Z{self.digits(3)}{self.pick(['AA', 'X1', 'E0'])}{self.digits(10)}",
                          f"9400 1{self.digits(3)} {self.digits(4)} {self.digits(4)} {self.digits(4)} {self.digits(2)}",
                          f"{self.pick(['RR', 'CP', 'LX', 'AB'])}{self.digits(9)}GB", self.digits(12), self.digits(10)])

    def invoice(self):
        return self.pick([f"INV-{self.r.randrange(2019, 2027)}-{self.digits(4)}", f"{self.r.randrange(2019, 2027)}/{self.digits(5)}",
                          self.digits(8), f"R{self.digits(7)}"])

    def product(self):
        return self.pick([f"SKU-{self.digits(4)}-{self.pick(['BLK', 'WHT', 'RED', 'XL'])}",
                          f"{self.pick(['XJ', 'TX', 'QS', 'MZ'])}-{self.digits(3)}", f"{self.digits(3)}.{self.digits(3)}.{self.digits(2)}",
                          f"B0{self.digits(2)}{self.pick(['X', 'K', 'C'])}{self.digits(5)}"])

    def money(self):
        v = self.r.randrange(1, 5000)
        c = self.r.randrange(100)
        return self.pick([f"£{v}.{c:02d}", f"${v:,}.{c:02d}", f"€{v},{c:02d}", f"{v}.{c:02d} EUR",
                          f"€ {v}", f"{v:,} USD", f"R$ {v},{c:02d}"])

    def date(self):
        y, m, d = self.r.randrange(2021, 2027), self.r.randrange(1, 13), self.r.randrange(1, 29)
        return self.pick([f"{d:02d}/{m:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{d} {MONTHS[m - 1]}",
                          f"{MONTHS[m - 1]} {d}", f"{d} {MONTHS[m - 1]} {y}", f"{MONTHS[m - 1]} {d}, {y}"])

    def org_phone(self):
        return self.pick([f"0800 {self.digits(3)} {self.digits(4)}", f"1-800-{self.r.randrange(2, 10)}{self.digits(2)}-{self.digits(4)}",
                          f"1800 {self.digits(3)} {self.digits(3)}", f"0808 {self.digits(3)} {self.digits(4)}",
                          f"+1 888 {self.r.randrange(2, 10)}{self.digits(2)} {self.digits(4)}", f"0800 {self.digits(6)}"])

    # --- sentences -----------------------------------------------------------------------
    def name_text(self, p, full=None):
        if full is None:
            full = self.chance(0.5)
        t = f"{p['first']} {p['last']}" if full else p["first"]
        if self.chance(0.03):
            t = t.lower()
        elif self.chance(0.03):
            t = t.upper()
        return t

    def pii_sentence(self, d, owner, role, subj, case):
        """One sentence with personal data of @owner, said by someone with @role context."""
        c = self.r.randrange(15)
        if c == 0:
            d.add(self.pick(["My number is ", "You can reach me on ", "Call me at ", "My mobile is ",
                             "Best number to reach me: ", "my cell is "]))
            d.add(owner["phone"], "PHONE_NUMBER", role)
            d.add(self.pick([".", " if anything comes up.", " any time after 5.", ""]))
        elif c == 1:
            d.add(self.pick(["My email is ", "Please write to ", "Send it to ", "You can email me at ",
                             "my address is "]))
            d.add(owner["email"], "EMAIL_ADDRESS", role)
            d.add(self.pick([".", " please.", " thanks", ""]))
        elif c == 2:
            card, _ = self.card()
            d.add(self.pick(["The card I used is ", "I paid with my Visa ", "card number ",
                             "It was charged to ", "The card was "]))
            d.add(card, "CREDIT_CARD", role)
            d.add(self.pick([", expiry 09/27.", ".", " I think.", ""]))
        elif c == 3:
            d.add(self.pick(["Please refund to my IBAN ", "My bank account is ", "IBAN: ",
                             "Could you transfer it to "]))
            d.add(self.iban(), "IBAN_CODE", role)
            d.add(".")
        elif c == 4:
            d.add(self.pick(["I was born on ", "My date of birth is ", "DOB ", "date of birth: ",
                             "my birthday is "]))
            d.add(self.dob(), "DATE_OF_BIRTH", role)
            d.add(self.pick([".", "", " if you need it."]))
        elif c == 5:
            d.add(self.pick(["I live at ", "My address is ", "Please send it to ", "Ship to ",
                             "The address on file should be "]))
            d.add(self.address(), "STREET_ADDRESS", role)
            d.add(".")
        elif c == 6:
            d.add(self.pick(["My SSN is ", "social security number ", "SSN: "]))
            d.add(self.ssn(), "US_SSN", role)
            d.add(".")
        elif c == 7:
            d.add(self.pick(["My NI number is ", "National Insurance number ", "NINO "]))
            d.add(self.nino(), "UK_NINO", role)
            d.add(".")
        elif c == 8:
            d.add(self.pick(["My NHS number is ", "NHS no. ", "NHS number: "]))
            d.add(self.nhs(), "UK_NHS", role)
            d.add(".")
        elif c == 9:
            d.add(self.pick(["I logged in from ", "My IP address was ", "the login came from ",
                             "My router shows "]))
            d.add(self.ipv4() if self.chance(0.7) else self.ipv6(), "IP_ADDRESS", role)
            d.add(self.pick([".", " yesterday.", ""]))
        elif c == 10 and role == "subject":
            rel = self.pick(RELATIONS)
            other = self.person()
            d.add(f"My {rel} ")
            d.add(self.name_text(other), "PERSON", "third_party")
            if self.chance(0.5):
                d.add(self.pick([" has the same problem, their number is ", " can be reached on ",
                                 "'s mobile is ", " (phone ", " - call them on "]))
                d.add(other["phone"], "PHONE_NUMBER", "third_party")
            else:
                d.add(self.pick([" also uses this account, email ", "'s email is ",
                                 " can be reached at ", " (", " wrote from "]))
                d.add(other["email"], "EMAIL_ADDRESS", "third_party")
            if d.parts[-2].startswith(" ("):
                d.add(")")
            d.add(".")
        elif c == 11:
            other = self.person()
            d.add(self.pick(["I spoke to ", "Last week I talked to ", "I was speaking with ",
                             "Your colleague ", "I had a call with "]))
            d.add(self.name_text(other, full=self.chance(0.4)), "PERSON", "staff")
            d.add(self.pick([" about this.", " and nothing happened.", " who promised a callback.",
                             " on the phone."]))
        elif c == 12:
            other = self.person()
            d.add(self.pick(["The parcel was signed for by ", "It was delivered to my neighbour ",
                             "The package went to ", "Apparently "]))
            title = self.pick(["", "", "Mr ", "Mrs ", "Ms ", "Dr "])
            d.add(title)
            d.add(other["last"] if title else self.name_text(other, full=True), "PERSON", "third_party")
            d.add(self.pick([" instead.", ".", " at number 12.", ", who is not me."]))
        elif c == 13:
            d.add(self.pick(["Also, ", "FYI ", "And ", ""]))
            d.add(self.pick(["my name is ", "this is ", "I'm "]) if role == "subject" else "")
            if role == "subject":
                d.add(self.name_text(subj, full=True), "PERSON", "subject")
                d.add(self.pick([" by the way.", ".", ", the account holder."]))
            else:
                d.add("please keep this private.")
        else:
            self.lookalike_sentence(d, case)

    def lookalike_sentence(self, d, case):
        c = self.r.randrange(10)
        if c == 0:
            d.add(self.pick(["My order ", "Order number ", "The order #", "order no. ", "Re: order "]))
            d.add(case["order"], "ORDER_NUMBER", "none")
            d.add(self.pick([" still has not arrived.", " was wrong.", " is missing an item.", "."]))
        elif c == 1:
            d.add(self.pick(["Your ticket is ", "Ticket ", "I opened case ", "Reference "]))
            d.add(self.ticket(), "TICKET_ID", "none")
            d.add(".")
        elif c == 2:
            d.add(self.pick(["Tracking number: ", "The tracking says ", "tracking ", "Track it with "]))
            d.add(self.tracking(), "TRACKING_NUMBER", "none")
            d.add(self.pick([".", " but it has not moved.", ""]))
        elif c == 3:
            d.add(self.pick(["Invoice ", "See invoice ", "invoice no. ", "Your invoice number is "]))
            d.add(self.invoice(), "INVOICE_NUMBER", "none")
            d.add(self.pick([" is attached.", ".", " was paid."]))
        elif c == 4:
            d.add(self.pick(["The item is ", "Product code ", "I ordered the ", "model "]))
            d.add(self.product(), "PRODUCT_CODE", "none")
            d.add(self.pick([" in black.", ".", " (size M)."]))
        elif c == 5:
            d.add(self.pick(["I was charged ", "The refund of ", "It cost ", "Total: "]))
            d.add(self.money(), "MONEY", "none")
            d.add(self.pick([" twice.", ".", " is still pending."]))
        elif c == 6:
            d.add(self.pick(["It was shipped on ", "I ordered it on ", "Expected delivery ", "since "]))
            d.add(self.date(), "DATE", "none")
            d.add(".")
        elif c == 7:
            d.add(self.pick(["You can also write to ", "Contact ", "or email "]))
            d.add(case["org_email"], "ORG_EMAIL", "none")
            d.add(".")
        elif c == 8:
            d.add(self.pick(["Our helpline is ", "Call us free on ", "or ring "]))
            d.add(case["org_phone"], "ORG_PHONE", "none")
            d.add(self.pick([".", ", Monday to Friday."]))
        else:
            d.add(self.pick(["Could you look into it?", "Thanks for checking.", "It still doesn't work.",
                             "I have been waiting for two weeks.", "This is the third time I ask.",
                             "I'd like a copy of all my data under GDPR.", "Please hurry."]))

    def staff_sentence(self, d, case):
        c = self.r.randrange(6)
        if c == 0:
            d.add(self.pick(["Could you confirm your date of birth?", "Can I have the order number?",
                             "What's the best number to reach you?", "Which address should we use?"]))
        elif c == 1:
            d.add("I can see order ")
            d.add(case["order"], "ORDER_NUMBER", "none")
            d.add(self.pick([" here.", " on my screen.", "."]))
        elif c == 2:
            d.add(self.pick(["I have opened ticket ", "Your reference is "]))
            d.add(self.ticket(), "TICKET_ID", "none")
            d.add(".")
        elif c == 3:
            d.add("You can reach us at ")
            d.add(case["org_email"], "ORG_EMAIL", "none")
            d.add(" or ")
            d.add(case["org_phone"], "ORG_PHONE", "none")
            d.add(".")
        elif c == 4:
            d.add(self.pick(["The refund of ", "A credit of "]))
            d.add(self.money(), "MONEY", "none")
            d.add(" will reach you by ")
            d.add(self.date(), "DATE", "none")
            d.add(".")
        else:
            d.add(self.pick(["I'm sorry about that.", "Let me check.", "One moment please.",
                             "I've escalated this.", "Is there anything else?"]))

    # --- documents -----------------------------------------------------------------------
    def case(self):
        subj = self.person()
        company, domain = self.pick(COMPANIES)
        staff = [self.person() for _ in range(2)]
        return {"subject": subj, "company": company, "domain": domain, "staff": staff,
                "order": self.order_number(),
                "org_email": f"{self.pick(['support', 'help', 'billing', 'orders', 'privacy'])}@{domain}",
                "org_phone": self.org_phone()}

    def chat(self, case):
        d = Doc("chat")
        subj, agent = case["subject"], case["staff"][0]
        style = self.r.randrange(3)
        h, m = self.r.randrange(8, 20), self.r.randrange(60)
        subj_label = self.pick([subj["first"], f"{subj['first']} {subj['last']}", "Customer"])
        agent_label_name = self.pick([agent["first"], f"{agent['first']} {agent['last'][0]}."])
        for turn in range(self.r.randrange(6, 14)):
            m += self.r.randrange(1, 3)
            stamp = [f"[{h:02d}:{m % 60:02d}] ", f"{h:02d}:{m % 60:02d} ", ""][style]
            d.add(stamp)
            if turn % 2 == 0:
                if subj_label == "Customer":
                    d.add("Customer")
                else:
                    d.add(subj_label, "PERSON", "subject")
                d.add(": ")
                if turn == 0:
                    d.add(self.pick(["Hi ", "Hello ", "Hey "]))
                    d.add(agent["first"], "PERSON", "staff")
                    d.add(", ")
                for _ in range(self.r.randrange(1, 3)):
                    self.pii_sentence(d, subj, "subject", subj, case)
                    d.add(" ")
                if self.chance(0.4):
                    self.lookalike_sentence(d, case)
                    d.add(" ")
            else:
                if self.chance(0.5):
                    d.add("Agent ")
                    d.add(agent_label_name.split(" ")[0], "PERSON", "staff")
                    if " " in agent_label_name:
                        d.add(" " + agent_label_name.split(" ")[1])
                else:
                    d.add(agent_label_name, "PERSON", "staff")
                d.add(": ")
                if turn == 1:
                    d.add(f"Thanks for contacting {case['company']}, ")
                    d.add(self.pick(["how can I help?", "I'm looking into it. "]))
                self.staff_sentence(d, case)
            d.add("\n")
        return d

    def email(self, case):
        d = Doc("email")
        subj, agent = case["subject"], case["staff"][1]
        d.add("From: ")
        d.add(f"{subj['first']} {subj['last']}", "PERSON", "subject")
        d.add(" <")
        d.add(subj["email"], "EMAIL_ADDRESS", "subject")
        d.add(">\nTo: ")
        d.add(case["org_email"], "ORG_EMAIL", "none")
        d.add(f"\nSubject: {self.pick(['Missing refund', 'Data access request', 'Wrong item', 'Complaint'])}\n\n")
        d.add(self.pick(["Dear Sir or Madam,", "Hello,", "Hi there,", "To whom it may concern,", "Hi "]))
        if d.parts[-1] == "Hi ":
            d.add(agent["first"], "PERSON", "staff")
            d.add(",")
        d.add("\n\n")
        for _ in range(self.r.randrange(3, 7)):
            self.pii_sentence(d, subj, "subject", subj, case)
            d.add(" " if self.chance(0.6) else "\n\n")
            if self.chance(0.3):
                self.lookalike_sentence(d, case)
                d.add(" ")
        d.add("\n\n" + self.pick(["Kind regards,", "Best regards,", "Thanks,", "Cheers,", "Best,", "Many thanks,"]) + "\n")
        d.add(self.pick([subj["first"], f"{subj['first']} {subj['last']}"]), "PERSON", "subject")
        d.add("\n")
        if self.chance(0.5):
            d.add(self.pick(["Tel: ", "Mobile: ", "M: "]))
            d.add(subj["phone"], "PHONE_NUMBER", "subject")
            d.add("\n")
        # The reply, from staff.
        d.add("\nFrom: ")
        d.add(f"{agent['first']} {agent['last']}", "PERSON", "staff")
        d.add(f" <{case['org_email']}>\nTo: ")
        d.add(subj["email"], "EMAIL_ADDRESS", "subject")
        d.add("\n\n" + self.pick(["Dear ", "Hi ", "Hello "]))
        title = self.chance(0.3)
        if title:
            d.add(self.pick(["Mr ", "Ms ", "Mrs "]))
            d.add(subj["last"], "PERSON", "subject")
        else:
            d.add(subj["first"], "PERSON", "subject")
        d.add(",\n\n")
        for _ in range(self.r.randrange(1, 4)):
            self.staff_sentence(d, case)
            d.add(" ")
        d.add("\n\n" + self.pick(["Kind regards,", "Best wishes,", "Regards,"]) + "\n")
        d.add(f"{agent['first']} {agent['last']}", "PERSON", "staff")
        d.add(f"\n{case['company']} Customer Care\n")
        return d

    def call(self, case):
        d = Doc("call")
        subj, agent = case["subject"], case["staff"][0]
        d.add("Agent: Thank you for calling " + case["company"] + ", my name is ")
        d.add(agent["first"], "PERSON", "staff")
        d.add(", how can I help you today?\nCaller: Hi, yes, this is ")
        d.add(f"{subj['first']} {subj['last']}", "PERSON", "subject")
        d.add(".\n")
        for turn in range(self.r.randrange(4, 10)):
            if turn % 2 == 0:
                d.add("Agent: ")
                self.staff_sentence(d, case)
            else:
                d.add("Caller: ")
                c = self.r.randrange(4)
                if c == 0:
                    digits = "".join(ch for ch in subj["phone"] if ch.isdigit())
                    d.add(self.pick(["Sure, it's ", "My number is ", "yeah it's "]))
                    d.add(self.spoken(digits), "PHONE_NUMBER", "subject")
                    d.add(".")
                elif c == 1:
                    _, num = self.card()
                    d.add(self.pick(["The card number is ", "ok the card is "]))
                    d.add(self.spoken(num), "CREDIT_CARD", "subject")
                    d.add(".")
                elif c == 2:
                    local, host = subj["email"].split("@")
                    spoken = local.replace(".", " dot ").replace("_", " underscore ") + " at " + host.replace(".", " dot ")
                    d.add(self.pick(["My email is ", "it's "]))
                    d.add(spoken, "EMAIL_ADDRESS", "subject")
                    d.add(".")
                else:
                    self.pii_sentence(d, subj, "subject", subj, case)
            d.add("\n")
        return d

    def document(self):
        case = self.case()
        kind = self.r.random()
        if kind < 0.5:
            d = self.chat(case)
        elif kind < 0.8:
            d = self.email(case)
        else:
            d = self.call(case)
        subj = case["subject"]
        meta = {"names": [f"{subj['first']} {subj['last']}"], "emails": [subj["email"]],
                "phones": [subj["phone"]], "allow": [case["org_email"], case["org_phone"]]}
        return d, meta


def parse_size(text):
    text = text.upper()
    for suffix, mult in (("MB", 1 << 20), ("KB", 1 << 10)):
        if text.endswith(suffix):
            return int(float(text[:-2]) * mult)
    return int(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--size", default="1MB", help="bytes of UTF-8 text to write (1MB, 50MB)")
    ap.add_argument("--text", action="store_true", help="write only the texts, separated by form feeds")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    gen = Gen(args.seed)
    target = parse_size(args.size)
    written = 0
    n = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        while written < target:
            d, meta = gen.document()
            text = d.text()
            if args.text:
                out.write(text + "\f\n")
            else:
                out.write(json.dumps({"id": n, "kind": d.kind, "text": text,
                                      "subject": {"names": meta["names"], "emails": meta["emails"],
                                                  "phones": meta["phones"]},
                                      "allow": meta["allow"], "spans": d.spans},
                                     ensure_ascii=False) + "\n")
            written += len(text.encode("utf-8")) + 2
            n += 1
    print(f"{n} documents, {written} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
