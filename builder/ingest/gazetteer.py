"""Ingest data: the organizations, people and topics the extractor recognises.

Each entry is (canonical name, pattern of the forms it is written in). Extend
these lists as the archive grows; the site shows the canonical names.
"""

from __future__ import annotations

import re


def _entries(table: dict[str, str], flags: int = 0) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(pattern, flags)) for name, pattern in table.items())


UN = r"(?:United Nations|Nations [Uu]nies|UN|U\.N\.|ООН|ONU|ՄԱԿ)"
ORGANIZATIONS = _entries({
    "United Nations": r"(?<![\w.])" + UN + r"(?![\w.]| Security Council| aux réfugiés| [Hh]igh [Cc]ommissioner| [Aa]mbassador| envoy| [Rr]efugee)"
                      r"(?<!Conseil de sécurité des Nations unies)(?<!Совет Безопасности ООН)",
    "UN Security Council": r"\b(?:(?:UN|U\.N\.|United Nations) )?Security Council\b|Conseil de sécurité|Совет\w* Безопасности ООН",
    "UNHCR": r"\bUNHCR\b|\bUnited Nations High Commissioner for Refugees\b|\bUN [Rr]efugee [Aa]gency\b"
             r"|\bHCR\b|Haut-Commissariat (?:de l'ONU|des Nations unies) aux réfugiés|УВКБ",
    "OSCE": r"(?:\bOSCE\b|\bOrganization for Security and Co-?operation in Europe\b|ОБСЕ|ԵԱՀԿ)"
            r"(?! Minsk Group)(?! Минской группы)",
    "OSCE Minsk Group": r"\bMinsk Group\b|Минск\w+ групп|groupe de Minsk|Մինսկի խումբ",
    "European Union": r"\bEuropean Union\b|\bEU\b|Европейск\w+ союз|(?<![\w])ЕС(?![\w])|Union européenne|\bUE\b"
                      r"|Եվրոպական միությ|(?<![\w])ԵՄ(?![\w])",
    "European Parliament": r"\bEuropean Parliament\b|Европарламент|Parlement européen|Եվրախորհրդարան|Եվրոպական խորհրդարան",
    "European Court of Justice": r"\bEuropean Court of Justice\b|\bECJ\b",
    "Council of Europe": r"\bCouncil of Europe\b|\bPACE\b|Совет\w* Европы|ПАСЕ|Conseil de l'Europe",
    "NATO": r"\bNATO\b|\bNorth Atlantic Treaty Organization\b|НАТО|OTAN|ՆԱՏՕ",
    "CSTO": r"\bCSTO\b|\bCollective Security Treaty Organi[sz]ation\b|ОДКБ|OTSC|ՀԱՊԿ",
    "CIS": r"\bCIS\b|\bCommonwealth of Independent States\b|(?<![\w])СНГ(?![\w])|\bCEI\b|(?<![\w])ԱՊՀ(?![\w])",
    "Eurasian Economic Union": r"\bEurasian Economic Union\b|\bEAEU\b|ЕАЭС|ԵԱՏՄ",
    "3+3 platform": r"(?<![\w+])3\s?\+\s?3(?![\w+])",
    "BRICS": r"\bBRICS\b|БРИКС",
    "Shanghai Cooperation Organisation": r"\bShanghai Cooperation Organi[sz]ation\b|\bSCO\b|ШОС",
    "IAEA": r"\bIAEA\b|\bInternational Atomic Energy Agency\b|МАГАТЭ|AIEA",
    "ICRC": r"\bICRC\b|\bInternational Committee of the Red Cross\b|МККК|\bCICR\b",
    "International Court of Justice": r"\bInternational Court of Justice\b|\bICJ\b|Международн\w+ суд\w* ООН|Cour internationale de justice|\bCIJ\b",
    "Organisation of Islamic Cooperation": r"\bOrgani[sz]ation of Islamic Cooperation\b|\bOIC\b",
    "G20": r"\bG20\b|\bG-20\b",
    "G7": r"\bG7\b|\bG-7\b",
})

# Known people in every form they are written in: full, initials, surname, Cyrillic
# (inflected) and Armenian. A bare surname is not taken when another first name
# precedes it ('Yashar Aliyev' is not 'Ilham Aliyev'): see ``people.py``.
PEOPLE = _entries({
    "Ruben Rubinyan": r"\b(?:Ruben\s+|R\.\s*(?:K\.\s*)?)?Rubinyan\b|Рубинян|Ռուբինյան",
    "Serdar Kılıç": r"\b(?:Serdar\s+|S\.\s*)?K[ıi]l[ıi][çc]\b|Кылыч",
    "Sergey Lavrov": r"\b(?:Sergey\s+|Sergei\s+|S\.\s*(?:V\.\s*)?)?Lavrov\b|(?:Сергей\s+|С\.\s*(?:В\.\s*)?)?Лавров|Լավրով|لافروف",
    "Maria Zakharova": r"\b(?:Maria\s+|M\.\s*(?:V\.\s*)?)?Zakharova\b|(?:Мари[яи]\s+|М\.\s*(?:В\.\s*)?)?Захаров(?:а|ой|у)\b"
                       r"|Զախարովա|زاخاروفا",
    "Dmitry Peskov": r"\b(?:Dmitry\s+|Dmitri\s+)?Peskov\b|Песков|Պեսկով|بيسكوف",
    "Mikhail Galuzin": r"\b(?:Mikhail\s+)?Galuzin\b|Галузин|Գալուզին",
    "Ararat Mirzoyan": r"\b(?:Ararat\s+|A\.\s*)?Mirzoyan\b|Мирзоян|Միրզոյան",
    "Jeyhun Bayramov": r"\b(?:Jeyhun\s+|J\.\s*(?:A\.\s*)?)?Bayramov\b|Байрамов|Բայրամով|Bayramov",
    "Nikol Pashinyan": r"\b(?:Nikol\s+|N\.\s*)?(?:Pashinyan|Pachinian|PACHINIAN|Paschinjan|Pashini[aá]n|Pa[sş]inyan)\b"
                       r"|Пашинян|Փաշինյան|باشينيان",
    "Ilham Aliyev": r"\b(?:Ilham\s+|I\.\s*)?(?:Aliyev|Aliev|Alijew|Aliyev|Əliyev)\b|(?:Ильхам\w*\s+)?Алиев|(?:Իլհամ\s+)?Ալիև|علييف",
    "Vladimir Putin": r"\b(?:Vladimir\s+|V\.\s*)?Putin\b|Путин|Պուտին|بوتين|Poutine",
    "Recep Tayyip Erdoğan": r"\bErdo[gğ]an\b|Эрдоган|Էրդողան|أردوغان",
    "Mevlüt Çavuşoğlu": r"\b(?:Mevl[uü]t\s+)?[CÇ]avu[sş]o[gğ]lu\b|Чавушоглу|Չավուշօղլու",
    "Hossein Amir-Abdollahian": r"\bAmir-?Abdollahian\b|Амир-?Абдоллахиан",
    "Antony Blinken": r"\b(?:Antony\s+(?:J\.\s+)?|Anthony\s+)?Blinken\b|Блинкен|Բլինքեն",
    "Josep Borrell": r"\b(?:Josep\s+)?Borrell\b|Боррель|Բորել",
    "António Guterres": r"\b(?:Ant[oó]nio\s+)?Guterres\b|Гутерриш|Գուտերեշ|غوتيريش",
    "Catherine Colonna": r"\b(?:Catherine\s+)?Colonna\b|Колонна",
    "Annalena Baerbock": r"\b(?:Annalena\s+)?Baerbock\b|Бербок",
    "Wang Yi": r"\bWang Yi\b|Ван И\b",
    "Emmanuel Macron": r"\b(?:Emmanuel\s+)?Macron\b|Макрон|Մակրոն|ماكرون",
    "Charles Michel": r"\bCharles Michel\b|Шарль Мишель|Շառլ Միշել",
    "Hakan Fidan": r"\b(?:Hakan\s+)?Fidan\b|Фидан",
    "Ilia Darchiashvili": r"\b(?:Ilia\s+)?Darchiashvili\b|Дарчиашвили|Դարչիաշվիլ",
    "Irakli Garibashvili": r"\b(?:Irakli\s+)?Garibashvili\b|Гарибашвили|Ղարիբաշվիլ",
    "Toivo Klaar": r"\b(?:Toivo\s+)?Klaar\b|Клаар|Կլաար",
    "Alexander Lukashenko": r"\b(?:Alexander\s+|Aleksandr\s+)?Lukashenko\b|Лукашенко|Լուկաշենկո",
    "Kassym-Jomart Tokayev": r"\b(?:Kassym-Jomart\s+)?Tokayev\b|Токаев",
    "Jens Stoltenberg": r"\b(?:Jens\s+)?Stoltenberg\b|Столтенберг|Ստոլտենբերգ",
    "Donald Trump": r"\b(?:Donald\s+(?:J\.\s+)?)?Trump\b|Трамп\w*|Թրամփ|ترامب",
    "Joe Biden": r"\b(?:Joe\s+|Joseph\s+R\.\s+)?Biden\b|Байден\w*|Բայդեն",
    "Xi Jinping": r"\bXi Jinping\b|Си Цзиньпин\w*",
    "Mike Pompeo": r"\b(?:Mike\s+|Michael\s+R\.\s+)?Pompeo\b|Помпео",
    "Marco Rubio": r"\b(?:Marco\s+)?Rubio\b|Рубио",
    "John Kerry": r"\b(?:John\s+)?Kerry\b|Керри",
    "Hillary Clinton": r"\bHillary\s+(?:Rodham\s+)?Clinton\b|Хиллари Клинтон",
    "Serzh Sargsyan": r"\b(?:Serzh\s+|Serge\s+)?Sargs[yi]an\b|Серж\w*\s+Саргсян\w*|Սերժ Սարգսյան",
    "Robert Kocharyan": r"\b(?:Robert\s+)?Kocharyan\b|Кочарян\w*|Քոչարյան|كوتشاريان",
    "Levon Ter-Petrosyan": r"\b(?:Levon\s+)?Ter-Petrosyan\b|Тер-Петросян\w*|Տեր-Պետրոսյան",
    "Mikheil Saakashvili": r"\b(?:Mikheil\s+|Mikhail\s+)?Saakashvili\b|Саакашвили",
    "Dmitry Medvedev": r"\b(?:Dmitry\s+|Dmitri\s+)?Medvedev\b|Медведев\w*|Մեդվեդև",
    "Elmar Mammadyarov": r"\b(?:Elmar\s+)?(?:Mammadyarov|Mamadyarov|Memmedyarov|Məmmədyarov)\b|Мамедъяров\w*",
    "Edward Nalbandian": r"\b(?:Edward\s+)?Nalband[iy]an\b|Налбандян\w*|Նալբանդյան",
    "Zohrab Mnatsakanyan": r"\b(?:Zohrab\s+)?Mnatsakanyan\b|Мнацаканян\w*|Մնացականյան",
    "Hikmet Hajiyev": r"\b(?:Hikmet\s+)?Hajiyev\b|Хикмет\w*\s+Гаджиев\w*|Hikmət Hacıyev",
    "Aykhan Hajizada": r"\b(?:Aykhan\s+|Ayxan\s+)?(?:Hajizada|Hacızadə(?:nin|yə|ni)?)\b|Айхан\w*\s+Гаджизаде",
    "Leyla Abdullayeva": r"\b(?:Leyla\s+)?Abdullayeva\b|Лейла\w*\s+Абдуллаев\w*",
    "Ani Badalyan": r"\b(?:Ani\s+)?Badalyan\b|Ани Бадалян|Անի Բադալյան",
    "Anna Naghdalyan": r"\b(?:Anna\s+)?Naghdalyan\b|Анна Нагдалян|Աննա Նաղդալյան",
    "Mao Ning": r"\bMao Ning\b|Мао Нин\b",
    "Lin Jian": r"\bLin Jian\b",
    "Wang Wenbin": r"\bWang Wenbin\b|Ван Вэньбинь",
    "Hua Chunying": r"\bHua Chunying\b|Хуа Чуньин",
    "Zhao Lijian": r"\bZhao Lijian\b",
    "Stéphane Dujarric": r"\b(?:St[ée]phane\s+)?Dujarric\b|Стефан Дюжаррик",
    "Javier Solana": r"\b(?:Javier\s+)?Solana\b|Солана",
    "José Manuel Albares": r"\b(?:Jos[ée] Manuel\s+)?Albares\b",
    "Johann Wadephul": r"\b(?:Johann\s+)?Wadephul\b",
    "Bako Sahakyan": r"\b(?:Bako\s+)?Sahakyan\b|Бако Саакян|Բակո Սահակյան",
    "Arayik Harutyunyan": r"\b(?:Arayik\s+)?Harutyunyan\b|Араик\w*\s+Арутюнян\w*|Արայիկ Հարությունյան",
    "Ruben Vardanyan": r"\bRuben\s+Vardanyan\b|Рубен\w*\s+Варданян\w*|Ռուբեն Վարդանյան",
    "Benjamin Netanyahu": r"\b(?:Benjamin\s+)?Netanyahu\b|Нетаньяху|نتنياهو",
    "Volodymyr Zelensky": r"\b(?:Volodymyr\s+)?Zelens[k']y[iy]?\b|Зеленск\w+",
    "Alexei Overchuk": r"\b(?:Alexei\s+|Alexey\s+)?Overchuk\b|Оверчук\w*",
    "Vahan Kostanyan": r"\b(?:Vahan\s+)?Kostanyan\b|Ваан Костанян|Վահան Կոստանյան",
})

# The country each known office holder speaks for (None: an international organization), so that a
# press release about 'Foreign Minister Sergey Lavrov' is the Russian Foreign Ministry's.
PERSON_COUNTRY = {
    "Ruben Rubinyan": "AM", "Serdar Kılıç": "TR", "Sergey Lavrov": "RU", "Maria Zakharova": "RU",
    "Dmitry Peskov": "RU", "Mikhail Galuzin": "RU", "Ararat Mirzoyan": "AM", "Jeyhun Bayramov": "AZ",
    "Nikol Pashinyan": "AM", "Ilham Aliyev": "AZ", "Vladimir Putin": "RU", "Recep Tayyip Erdoğan": "TR",
    "Mevlüt Çavuşoğlu": "TR", "Hossein Amir-Abdollahian": "IR", "Antony Blinken": "US", "Catherine Colonna": "FR",
    "Annalena Baerbock": "DE", "Wang Yi": "CN", "Emmanuel Macron": "FR", "Hakan Fidan": "TR",
    "Ilia Darchiashvili": "GE", "Irakli Garibashvili": "GE", "Alexander Lukashenko": "BY",
    "Kassym-Jomart Tokayev": "KZ", "Donald Trump": "US", "Joe Biden": "US", "Xi Jinping": "CN", "Mike Pompeo": "US",
    "Marco Rubio": "US", "John Kerry": "US", "Hillary Clinton": "US", "Serzh Sargsyan": "AM",
    "Robert Kocharyan": "AM", "Levon Ter-Petrosyan": "AM", "Mikheil Saakashvili": "GE", "Dmitry Medvedev": "RU",
    "Elmar Mammadyarov": "AZ", "Edward Nalbandian": "AM", "Zohrab Mnatsakanyan": "AM", "Hikmet Hajiyev": "AZ",
    "Aykhan Hajizada": "AZ", "Leyla Abdullayeva": "AZ", "Ani Badalyan": "AM", "Anna Naghdalyan": "AM",
    "Mao Ning": "CN", "Lin Jian": "CN", "Wang Wenbin": "CN", "Hua Chunying": "CN", "Zhao Lijian": "CN",
    "José Manuel Albares": "ES", "Johann Wadephul": "DE", "Benjamin Netanyahu": "IL", "Volodymyr Zelensky": "UA",
    "Alexei Overchuk": "RU", "Vahan Kostanyan": "AM",
}

TOPICS = _entries({
    "normalization": r"\bnormali[sz]ation\b",
    "peace process": r"\bpeace (?:process|treaty|agreement|talks)\b",
    "border delimitation": r"\b(?:delimitation|demarcation)\b",
    "transport links": r"\btransport(?:-logistic|ation)?\b|\bunblocking\b|\blogistic",
    "trade": r"\btrade\b|\btrade-investment\b",
    "energy security": r"\benergy\b",
    "regional security": r"\bregional (?:security|stability|situation)\b|\bstability\b",
    "humanitarian issues": r"\bhumanitarian\b",
    "prisoners": r"\b(?:prisoners?|detainees)\b",
    "sanctions": r"\bsanctions?\b",
    "nuclear issues": r"\bnuclear\b",
    "climate": r"\bclimate\b",
    "visas": r"\bvisas?\b",
    "cultural heritage": r"\bcultural heritage\b",
}, re.IGNORECASE)
