"""Ingest data: country mentions in Russian, French and Armenian → ISO alpha-2 codes.

English names, official forms, adjectives and capitals come from
``builder.countries`` (pycountry plus everyday forms). Inflected languages
need stems: 'Армении', 'Азербайджана', 'армяно-азербайджанских', 'l'Arménie',
'Հայաստանի'. Each entry is (code, stems); a stem matches at a word start.
"""

from __future__ import annotations

import re
from functools import lru_cache

FORMS: tuple[tuple[str, str], ...] = (
    # Russian
    ("AM", "Армени|армянск|армяно-|Ереван"), ("AZ", "Азербайджан|азербайджанск|Баку"),
    ("RU", "Росси[яиюей]|РФ|российск|Москв[аеуыо]|Кремл"), ("TR", "Турци|турецк|Анкар"),
    ("SY", "Сири[яиюей]|сирийск|Дамаск"), ("UA", "Украин|украинск|Киев"), ("GE", "Грузи[яиюей]|грузинск|Тбилиси"),
    ("IR", "Иран|Тегеран"), ("US", "США|Соединенн\\w+ Штат|американск|Вашингтон"), ("FR", "Франци|французск|Париж"),
    ("CN", "Кита[йяюе]|китайск|Пекин"), ("DE", "Германи|немецк|Берлин"), ("BY", "Беларус|Белорусси|белорусск|Минск"),
    ("KZ", "Казахстан|казахстанск"), ("GB", "Великобритани|британск|Лондон"),
    # French
    ("AM", "Arméni|arménien|Erevan"), ("AZ", "Azerbaïdjan|azerbaïdjanais|Bakou"), ("RU", "Russie|russe|Moscou"),
    ("TR", "Turquie|turc|turque"), ("FR", "France\\b|français|française"), ("CH", "Suisse|suisse|Berne\\b"),
    ("US", "[ÉE]tats-Unis|américain"), ("GE", "Géorgi|géorgien"), ("IR", "Iran|iranien|Téhéran"),
    ("DE", "Allemagne|allemand"), ("UA", "Ukraine|ukrainien"), ("CN", "Chine\\b|chinois"),
    ("GB", "Royaume-Uni|britannique"), ("SY", "Syrie|syrien"), ("BE", "Belgique|belge"),
    # Armenian
    ("AM", "Հայաստան|ՀՀ\\b|[Հհ]այ-|հայկական|Երևան"), ("AZ", "Ադրբեջան|ադրբեջանական|Բաքու"),
    ("GE", "Վրաստան|վրացական|[Վվ]րաց-|Թբիլիսի"), ("RU", "Ռուսաստան|ՌԴ\\b|ռուսական|Մոսկվա"),
    ("TR", "Թուրքիա|թուրքական|Անկարա"), ("IR", "Իրան"), ("US", "ԱՄՆ\\b|ամերիկյան"), ("FR", "Ֆրանսիա|ֆրանսիական"),
)


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((code, re.compile(r"(?<![\w])(?:" + stems + ")")) for code, stems in FORMS)


def foreign_countries(text: str) -> set[str]:
    """Codes of the countries a Russian, French or Armenian text mentions."""
    return {code for code, pattern in patterns() if pattern.search(text)}
