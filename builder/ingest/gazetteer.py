"""Ingest data: the organizations, people and topics the extractor recognises.

Each entry is (canonical name, pattern of the forms it is written in). Extend
these lists as the archive grows; the site shows the canonical names.
"""

from __future__ import annotations

import re


def _entries(table: dict[str, str], flags: int = 0) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(pattern, flags)) for name, pattern in table.items())


ORGANIZATIONS = _entries({
    "United Nations": r"\b(?:United Nations|UN)\b(?! Security Council)|\bUN General Assembly\b",
    "UN Security Council": r"\b(?:UN|United Nations) Security Council\b",
    "OSCE": r"\bOSCE\b|\bOrganization for Security and Co-?operation in Europe\b",
    "OSCE Minsk Group": r"\bMinsk Group\b",
    "European Union": r"\bEuropean Union\b|\bEU\b",
    "European Parliament": r"\bEuropean Parliament\b",
    "European Court of Justice": r"\bEuropean Court of Justice\b|\bECJ\b",
    "Council of Europe": r"\bCouncil of Europe\b|\bPACE\b",
    "NATO": r"\bNATO\b|\bNorth Atlantic Treaty Organization\b",
    "CSTO": r"\bCSTO\b|\bCollective Security Treaty Organization\b",
    "CIS": r"\bCIS\b|\bCommonwealth of Independent States\b",
    "Eurasian Economic Union": r"\bEurasian Economic Union\b|\bEAEU\b",
    "3+3 platform": r"(?<![\w+])3\s?\+\s?3(?![\w+])",
    "BRICS": r"\bBRICS\b",
    "Shanghai Cooperation Organisation": r"\bShanghai Cooperation Organi[sz]ation\b|\bSCO\b",
    "IAEA": r"\bIAEA\b|\bInternational Atomic Energy Agency\b",
    "ICRC": r"\bICRC\b|\bInternational Committee of the Red Cross\b",
    "International Court of Justice": r"\bInternational Court of Justice\b|\bICJ\b",
    "Organisation of Islamic Cooperation": r"\bOrgani[sz]ation of Islamic Cooperation\b|\bOIC\b",
    "G20": r"\bG20\b|\bG-20\b",
    "G7": r"\bG7\b|\bG-7\b",
})

PEOPLE = _entries({
    "Ruben Rubinyan": r"\b(?:Ruben\s+|R\.\s*(?:K\.\s*)?)?Rubinyan\b",
    "Serdar Kılıç": r"\b(?:Serdar\s+|S\.\s*)?K[ıi]l[ıi][çc]\b",
    "Sergey Lavrov": r"\b(?:Sergey\s+|Sergei\s+|S\.\s*)?Lavrov\b",
    "Maria Zakharova": r"\b(?:Maria\s+|M\.\s*)?Zakharova\b",
    "Ararat Mirzoyan": r"\b(?:Ararat\s+|A\.\s*)?Mirzoyan\b",
    "Jeyhun Bayramov": r"\b(?:Jeyhun\s+|J\.\s*)?Bayramov\b",
    "Nikol Pashinyan": r"\b(?:Nikol\s+|N\.\s*)?Pashinyan\b",
    "Ilham Aliyev": r"\b(?:Ilham\s+|I\.\s*)?Aliyev\b",
    "Vladimir Putin": r"\b(?:Vladimir\s+|V\.\s*)?Putin\b",
    "Recep Tayyip Erdoğan": r"\bErdo[gğ]an\b",
    "Mevlüt Çavuşoğlu": r"\b(?:Mevl[uü]t\s+)?[CÇ]avu[sş]o[gğ]lu\b",
    "Hossein Amir-Abdollahian": r"\bAmir-?Abdollahian\b",
    "Antony Blinken": r"\b(?:Antony\s+)?Blinken\b",
    "Josep Borrell": r"\b(?:Josep\s+)?Borrell\b",
    "António Guterres": r"\b(?:Ant[oó]nio\s+)?Guterres\b",
    "Catherine Colonna": r"\b(?:Catherine\s+)?Colonna\b",
    "Annalena Baerbock": r"\b(?:Annalena\s+)?Baerbock\b",
    "Wang Yi": r"\bWang Yi\b",
    "Emmanuel Macron": r"\b(?:Emmanuel\s+)?Macron\b",
    "Charles Michel": r"\bCharles Michel\b",
    "Hakan Fidan": r"\b(?:Hakan\s+)?Fidan\b",
})

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
