"""Plain-text cleaning: split one article's text into title, body, captions and what to drop.

The input is a seed file or what trafilatura extracted from a page, so it may still carry
site chrome. Lines go through passes, each seeing only the lines the earlier ones kept:
head metadata (dateline, outlet) → chrome lines → related-links blocks → other-language
runs → duplicates and captions → title → wrapped lines joined → closing sign-off →
trailing promo blurbs. Phrase tables live in `briefings/boilerplate/*.txt`. A classifier
fitted on labelled lines (`briefings/line_model.py`) also marks the captions and the title
the rules miss and, after the promo pass, drops what the rules kept and it is sure is chrome
or metadata.

Losing a sentence of the story costs more than keeping a stray line, so every rule
leans toward keeping: a line is dropped only on a positive sign (a table phrase, a
related-links header above it, a run of confidently foreign lines, a tail that shares
nothing with the story and reads as links).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, takewhile

from briefings import datafiles, language_id
from briefings.datelines import day_first_date, leading_date, read_wire_dateline
from briefings.dates import place_dateline, split_dateline
from briefings.english import STOPWORDS, stem
from briefings.folding import fold, fold_text, squeeze_spaces
from briefings.line_features import (
    FEATURES,
    WEB_ADDRESS,
    Matrix,
    line_features,
    opens_with_stamp,
)
from briefings.line_model import LABELS, LineModel, shipped_model
from briefings.model import CleanText, PartialDate, Removed, WireDateline

_PHRASE_MAX_CHARS = 40
# Lines judged by their text alone are remembered: a source repeats its menus, share
# buttons and rights lines on every page, and ingest reads a source's pages one after another.
_LINE_CACHE = 8192
# Whether `clean_text` lets the fitted line classifier (briefings/line_model.py) drop
# chrome and find the title, captions and metadata lines the rules miss.
USE_LINE_MODEL = True


def _key(text: str) -> str:
    """How a line is looked up in the phrase tables: folded, outer punctuation trimmed."""
    if len(text) > _PHRASE_MAX_CHARS:
        return ""  # no table phrase is this long; folding costs more than the lookup
    return fold(text).strip(" \t:.!?|»›<>-–—•*()[]")


CHROME_LINES = frozenset(_key(phrase) for phrase in datafiles.lines("boilerplate/chrome_lines.txt"))
RELATED_HEADERS = frozenset(
    _key(phrase) for phrase in datafiles.lines("boilerplate/related_headers.txt")
)
_OUTLET_NAMES = datafiles.lines("boilerplate/outlets.txt")
OUTLETS = frozenset(_key(name) for name in _OUTLET_NAMES)
_AGENCY = "|".join(re.escape(name) for name in sorted(_OUTLET_NAMES, key=len, reverse=True))
ROLE_WORDS = frozenset(word.casefold() for word in datafiles.words("boilerplate/role_words.txt"))
GENERIC_WORDS = STOPWORDS | {fold(word) for word in ROLE_WORDS}
ANAPHORIC_OPENERS = frozenset(datafiles.words("boilerplate/anaphoric_openers.txt"))

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_DIGIT = re.compile(r"[0-9]")

_NETWORKS = "twitter|x|facebook|instagram|telegram|linkedin|youtube|tiktok|threads|google news"
_TAG_LABEL = (
    r"(?:tags?|topics?|keywords?|từ khóa|mots[- ]clés|etiquetas|palavras[- ]chave"
    r"|schlagwörter|теги|ключевые слова)"
)
_SITE_CHROME = [
    re.compile(rf"^follow (?:us|\w+(?: \w+){{0,3}}) on (?:{_NETWORKS})\b", re.I),
    re.compile(r"^(?:click|tap) here\b", re.I),
    # "Found a typo? Select it and press Ctrl+Enter": a key to press is the page's, never news
    re.compile(r"\bCtrl\s?\+\s?Enter\b", re.I),
    # A picture's alternative text in brackets, where the copied page had the picture:
    # "[Image: The ministers shake hands]", "[Фото: ...]"
    re.compile(r"^\[(?i:image|photo|picture|video|фото|ảnh|hình|foto|gambar|bild)\s*:[^\]]*\]$"),
    # Where the picture stood, by its file's name: "[image] ministers-talks.jpg", "IMG_2041.JPG"
    re.compile(r"^(?:\[(?i:image|photo|picture|img)\]\s*)?\S+\.(?i:jpe?g|png|webp|gif|avif)$"),
    # Newsletter and channel promos: "... Sign up here.", "Join our WhatsApp channel and ...",
    # "Follow Al Jazeera English:"
    re.compile(r"\b(?:sign up|subscribe|register) (?:here|now|today)[.!]?$", re.I),
    re.compile(rf"^join \S+(?: \S+){{0,3}} (?:{_NETWORKS}|whatsapp) (?:channel|group)\b", re.I),
    re.compile(r"^follow [^.:]{2,40}:$", re.I),
    # The same invitations in the languages of the pages we read: "Ikuti Saluran WhatsApp …
    # untuk berita terkini", "Suivez-nous sur Telegram", "Подписывайтесь на наш канал"
    re.compile(
        r"^(?:follow|join|ikuti|gabung|suivez|rejoignez|siga|sigue|síguenos|подписывайтесь"
        rf"|подпишитесь|theo dõi)\b.{{0,60}}\b(?:{_NETWORKS}|whatsapp|saluran|channel|chaîne|canal"
        r"|канал|kênh)\b.{0,40}$",
        re.I,
    ),
    # A call to subscribe opening a sentence: "Cet article vous est offert. Abonnez-vous …"
    re.compile(
        r"(?:^|[.!?] )(?:Subscribe|Abonnez-vous|Abonne-toi|Suscríbete|Assine|Berlangganan"
        r"|Подпишитесь|Подписывайтесь)\b[^.!?]{0,80}[.!]?$"
    ),
    re.compile(r"^(?:sign up|subscribe) (?:for|to) \S.{0,60}$", re.I),
    re.compile(r"^(?:©|\(c\)|copyright\b)", re.I),
    # "Reporting by A; Editing by B": agency credits, which never end like a sentence
    re.compile(r"^\(?(?i:(?:with )?(?:additional )?(?:reporting|writing|editing) by) [A-Z][^.]*$"),
    # Reading time: "2 min read", "Lecture 3 min.", "Tiempo de lectura: 4 min"
    re.compile(
        r"^(?i:\d{1,2}\s?(?:min|mins|minutes?)\.?\s?(?:read|reading time)"
        r"|(?:reading time|lecture|leitura|tiempo de lectura|lesezeit|thời gian đọc)"
        r"\s*:?\s*\d{1,2}\s?(?:min|minutes?|phút)\.?)$"
    ),
    re.compile(r"^[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,3} ?\(\d+\)$"),  # "Comments (12)"
    # "14 Comments", "1.2K views", "23 commentaires": a counter, a number and a word or two
    # (not a year: "2025 Summit" may head a section of the story)
    re.compile(r"^(?!(?:19|20)\d\d\b)\d[\d.,]*[KkMm]? [^\W\d_]+(?: [^\W\d_]+)?$"),
    re.compile(rf"^(?i:{_NETWORKS}|whatsapp|reddit|pinterest|e-?mail)\s*\d+$"),  # "Facebook 42"
    # A comment policy: "Comments are moderated and will be posted if on-topic."
    re.compile(r"^(?:comments?|replies) (?:are|is|will be) (?:moderated|reviewed|checked)\b", re.I),
    # "Editor: huaxia", "Edited by A": desk credits, never a sentence of the story
    re.compile(
        r"^(?i:(?:reporter|editor|translator|writer|uploader|source|contributor|pewarta|penulis"
        r"|redaktur|auteur|autor|rédaction|redacción|redação)s?\s*:"
        r"|(?:edited|written|reported|compiled|translated) by\b)[^.]{0,60}\.?$"
    ),
    re.compile(r"\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story)\.?$", re.I),
    # "Jane Doe Staff Writer", "Aisha Khan / Staff Reporter": a name and a desk, no sentence
    re.compile(
        r"^(?:[A-Z][\w.'’-]+ ){2,6}(?:[/|,–-] )?(?i:(?:staff |senior |chief |special )?"
        r"(?:correspondent|editor|reporter|writer))$"
    ),
    re.compile(r",? opens new tab$", re.I),
    re.compile(r"^(?:we use|this (?:web)?site uses) cookies\b", re.I),
    # A cookie notice in any language speaks to the reader ("vous acceptez", "Anda setuju")
    re.compile(
        r"^(?=.{0,80}\bcookies?\b)(?=.*\b(?:you|your|vous|votre|usted|Sie|Ihre|Anda|você|bạn"
        r"|вы|ваш\w*)\b).{0,300}$",
        re.I,
    ),
    re.compile(r"^by (?:signing up|subscribing|clicking)\b.{0,80}\b(?:privacy|terms)\b", re.I),
    # A tag list, labelled in the languages of the pages we read: "Tag: menlu, vietnam",
    # "Từ khóa: ...", "Mots-clés : ...", two labels at once ("Tags / Keywords: ...")
    re.compile(rf"^{_TAG_LABEL}(?:\s*[/&|]\s*{_TAG_LABEL})?\s*:\s*\S", re.I),
    re.compile(r"^disclaimer\s*:", re.I),
    # A rights notice anywhere in a short line: "Agency – Company © 2024", "Licence no. 123.
    # © Bản quyền thuộc ...", "Reproduction is permitted provided the source is credited."
    re.compile(
        r"^(?=.{0,160}$).*©\s?(?:(?:19|20)\d\d\b|bản quyền|copyright|all rights|tous droits"
        r"|todos os direitos|todos los derechos|hak cipta|alle rechte)",
        re.I,
    ),
    # ... and without the sign: "All rights reserved.", "Bản quyền thuộc về Báo ...",
    # "Все права защищены", in a short line
    re.compile(
        r"\b(?:all rights reserved|tous droits réservés|todos los derechos"
        r" reservados|todos os direitos reservados|alle rechte vorbehalten|hak cipta dilindungi"
        r"|все права защищены|bản quyền thuộc về)",
        re.I,
    ),
    re.compile(
        r"^(?:reproduction|republication|redistribution)\b.{0,80}\b(?:permitted|prohibited"
        r"|forbidden|allowed)\b",
        re.I,
    ),
    # A paywall's mark, in the languages of the pages we read: "Article réservé aux abonnés",
    # "Subscribers only", "Khusus pelanggan"
    re.compile(
        r"^(?=.{0,60}$).*\b(?:réservée? aux abonnés|(?:for |exclusive to )?subscribers only"
        r"|subscriber[- ]only|subscribe to (?:read|continue|unlock)|khusus pelanggan"
        r"|nur für abonnenten|exclusivo para (?:assinantes|suscriptores)"
        r"|solo para suscriptores|только для подписчиков)\b",
        re.I,
    ),
    # A cache or aggregator's note on the copy it shows: "This is a cached copy of ..."
    re.compile(r"^this is an? (?:cached|archived) (?:copy|page|version)\b", re.I),
    re.compile(r"^==\s?[A-Z][\w-]*$"),  # Kyodo's "==Kyodo" on its own line
    # Wire sign-offs: "-- BERNAMA", "/AA/", "mf/wd (Reuters, AFP, dpa)", "(FRANCE 24 with AFP)"
    re.compile(r"^(?:--|[—–])\s*[A-Z][A-Za-z]{1,9}\.?$"),
    re.compile(r"^/[A-Z]{2,6}/\.?$"),
    re.compile(r"^\(?[a-z]{2,3}(?:/[a-z]{2,3})+\)?(?: \([^()]{2,60}\))?$"),  # "(rdp/imk)"
    # "(FRANCE 24 with AFP)", "Le Monde avec AFP": the desk and the wire it drew on
    re.compile(rf"^\(?[^()]{{2,30}} (?:with|avec|con|com|mit|dengan|và) (?i:{_AGENCY})\)?$"),
    # "Our Correspondent", "From our staff reporter": an unnamed byline
    re.compile(r"^(?i:(?:by |from )?our (?:own )?(?:staff )?(?:correspondent|reporter|bureau)s?)$"),
    # ... and in the wires' other languages, maybe with where they file from: "Par notre
    # correspondant à Hanoï", "De notre envoyé spécial à Kiev", "De nuestro corresponsal en
    # Moscú", "Von unserem Korrespondenten in Moskau", "Наш корреспондент в Ханое"
    # "Envoyée spéciale à La Malbaie", "Special correspondent in Kyiv": the role and where
    re.compile(
        r"^(?i:envoyée? spéciale?|envoyés spéciaux|enviad[oa] especial|special correspondent"
        r"|corresponsal|correspondante?|корреспондент) (?:à|a|en|in|в|во) [\w'’ .-]{1,40}$"
    ),
    re.compile(
        r"^(?i:(?:par |de |from |by |von |от )?(?:notre|nos|nuestro|nuestra|our|unserem|unserer"
        r"|unser|наш|нашего) (?:propre |own )?(?:correspondante?s?|envoyée? spéciale?|envoyés"
        r" spéciaux|corresponsal(?:es)?|enviad[oa] especial|correspondent|special correspondent"
        r"|korrespondent(?:en|in)?|корреспондент(?:а)?|собкор(?:а)?)"
        r"(?: (?:à|a|en|in|im|в|во) [\w' .-]{1,40})?)$"
    ),
    # "Name - detikNews": a byline closed by an outlet written in camel case, and that
    # outlet alone ("detikNews", "kumparanNEWS"); no word of a story is written so
    re.compile(r"^(?:[A-Z][\w.'’-]* ){1,5}[-–—|] [a-z]+[A-Z][A-Za-z]*$"),
    re.compile(r"^[a-z]+[A-Z][A-Za-z]*$"),
    # Wire status marks: "(LEAD)", "(2nd LD)", "(END)", "(PHOTO NOT FOR SALE)"
    re.compile(r"^\((?:\d+(?:st|nd|rd|th) LD|LEAD|END|URGENT|UPDATE \d*|[A-Z ]*NOT FOR SALE)\)$"),
]
# A wire's credit closing a caption: "(Kyodo)", "(Xinhua/Name)", "[File: Name/AFP]",
# "REUTERS/Name/Pool", "ANTARA FOTO/Name/nym.", "© Name/POOL/TASS".
_CREDITS = [
    re.compile(rf"\((?i:{_AGENCY})(?:\s?/\s?[^()]{{2,60}})?\)$"),
    re.compile(r"\[[^\[\]]{2,60}/[^\[\]]{2,40}\]$"),
    re.compile(rf"\b(?i:{_AGENCY})(?: (?:FOTO|PHOTO))?\s?/\s?[A-Z][^/]{{1,40}}(?:/[^/]{{1,30}})*$"),
    re.compile(r"©\s?[^©]{2,60}$"),
    # "Name/Anadolu", "( Name - Anadolu Agency )": the agency after the photographer
    re.compile(rf"\b[A-Z][\w.'’ -]{{1,40}}/\s?(?i:{_AGENCY})$"),
    re.compile(rf"\(\s*[^()]{{2,60}}?[-–—/,]\s*(?i:{_AGENCY})\s*\)$"),
    # "... on Wednesday. Jacques Roy The Canadian Press": the photographer, then the agency
    re.compile(rf"(?<=[.!?] )[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{1,2}} (?:{_AGENCY})$"),
    # A closing rights or pool mark: "--fotoBERNAMA (2024) COPYRIGHT RESERVED", "—PPA POOL"
    re.compile(r"(?i:copyright reserved|all rights reserved|picture[- ]alliance)\W*$"),
    re.compile(r"(?:[—–-]\s*|/)[A-Z][A-Z.&-]*(?: [A-Z][A-Z.&-]*)? POOL$"),
]
_RELATED_LINE = re.compile(
    r"^(?:related(?: news| stories| articles| coverage)?|read more|read also|also read|see also"
    r"|more|watch|listen|read|you (?:may|might) also (?:like|be interested in)"
    r"|(?:à )?lire aussi|lisez aussi|baca juga|leia também|veja também"
    r"|lea también|читайте также|xem thêm)"
    r"\s*[:»›|]\s*\S",
    re.I,
)
_LABELLED_LINK = re.compile(r"^(?P<label>[^:»›|]{2,40}?)\s*[:»›|]\s*(?P<link>\S.*)$")
_NAME = r"[A-Z][\w.'’/-]*"  # "RFE/RL's" too
# "By Jane Doe", "By Jane Doe and John Roe", "By Pacific affairs reporter Stephen Dziedzic";
# the word for "by" or "reporter" in the languages of the wires we read (Par, Por, Von,
# Oleh, Reporter Kim Ji-hoon), since a byline's shape does not change with its language.
_BY = r"(?:By|BY|by|Par|PAR|Por|POR|Von|Oleh|OLEH|Door|Av|Reporter|Reporters|Correspondent)"
# The words for writer and editor heading a credit without a colon ("Penulis Dinda Putri",
# "Автор Анна Коваленко"), then a name of two or three words; a title-case headline
# opening with the same word ("Editor Quits Over Leak") has a function word or more words.
_CREDIT_BYLINE = re.compile(
    r"^(?:Penulis|Editor|Redaktur|Autor|Auteur|Автор|Author):?(?: [^\W\d_][\w.'’-]*){2,3}$"
)
# Where the writer filed from closes a byline: "By Jane Doe in Hanoi", "Par Jean Roy à Paris"
_FILED_FROM = rf"(?: (?:in|at|from|à|en|em|di|aus) {_NAME}(?: {_NAME})?)?"
_BYLINE = re.compile(
    rf"^{_BY}:? (?:[a-z][\w-]* |{_NAME} (?=[a-z])){{0,4}}{_NAME}"
    rf"(?:(?: | and | et | e | y |, ){_NAME}){{0,5}}{_FILED_FROM}$"
)
_TIMESTAMP = re.compile(r"^[\d\s/.:|,-]*\d{1,2}[:h]\d{2}[\d\s/.:|,-]*(?:[ap]\.?m\.?)?$", re.I)
# "Publié aujourd'hui à 14h05, modifié à 16h20", "Updated yesterday at 9:40 PM": a date
# label with a time and a relative day instead of a date, which split_dateline cannot read
_RELATIVE_STAMP = re.compile(
    r"^(?i:published|posted|updated|publié|modifié|mis à jour|publicado|actualizado|atualizado"
    r"|diperbarui|dipublikasikan|veröffentlicht|aktualisiert|опубликовано|обновлено|cập nhật"
    r"|đăng)\b(?=.{0,80}$)(?=.*\d{1,2}[:h]\d{2})"
    r"(?:[\s,:|-]|\d{1,2}[:h.]\d{2}|\b(?i:today|yesterday|aujourd'hui|aujourd’hui|hier|hoy|ayer"
    r"|hoje|ontem|hari ini|kemarin|heute|gestern|сегодня|вчера|hôm nay|hôm qua|[ap]\.?m\.?"
    r"|gmt|utc|wib|ict|ist)\b|[^\W\d]+)+$"
)
# "Updated 3 hours ago", "il y a 2 heures", "2 jam lalu", "3 часа назад", "5 phút trước":
# how long ago the page changed, after a date label or with its word for "ago"
_AGE_STAMP = re.compile(
    r"^(?P<label>(?i:published|posted|updated|last updated|publié|modifié|mis à jour"
    r"|publicado|actualizado|atualizado|diperbarui|veröffentlicht|aktualisiert|опубликовано"
    r"|обновлено|cập nhật|đăng)\s*:?\s*)?(?P<before>(?i:il y a|hace|há|vor) )?\d{1,3}\s?"
    r"(?i:min|mins|minutes?|hours?|hrs?|days?|weeks?|heures?|jours?|semaines?|horas?|días"
    r"|dias|minutos?|stunden?|tagen?|jam|menit|hari|минут\w*|час\w*|дн\w*|дней|недел\w*"
    r"|phút|giờ|ngày|tuần)(?P<after>(?i: ago| назад| trước| yang lalu| lalu))?$"
)
_MENU_SEPARATOR = re.compile(r"\s*[|·•]\s*|\s[>»›]\s")  # "Home > World > Asia"
_LIST_MARKER = re.compile(r"^[-–—•*»›▪◦·]\s")

_CAPTIONS = [
    # "Photo: VNA", "Photos: VNA |", "(Credit: VNA)", "Фото: пресс-служба губернатора": the
    # credit names a source, in capitals or not (a sentence closes with a full stop)
    re.compile(
        r"\b(?i:photos?|photographs?|images?|pictures?|credits?|sources?|ảnh|фото|fotos?)\s*:"
        r"\s*[^\W\d_][\w/&.' -]{0,59}(?:[\w\]]|\)\.?)[\s|]*$"
    ),
    re.compile(r"[—–-]\s*[A-Z][\w/.&-]*(?: [A-Z][\w/.&-]*)? (?:File )?Photos?$"),
    re.compile(r"\((?:[^()]* )?Photos?(?:/[^()]*)?\)$"),
    re.compile(r"\([A-Z][\w/.&-]*(?: [A-Z][\w/.&-]*)* via [A-Z][\w/.&-]*(?: [\w/.&-]+)*\)$"),
    re.compile(r"\b(?:Getty Images|Shutterstock|File photo)\W*$", re.I),
    re.compile(
        r"\(?\b(?:Photo|Image|Picture)s? (?:courtesy of|by) (?:the )?[A-Z][\w/&.' -]{0,50}\)?$"
    ),
]
# A photo the page labels as an old one, opening its caption: "File photo: Ministers ...",
# "Photo d'archive : ...", "Foto arsip: ..."
_CAPTION_OPENER = re.compile(
    r"^(?:(?i:file photo|archive photo|photo d'archive|photo d’archive|foto de archivo|foto arsip"
    r"|ảnh tư liệu|архивное фото)|FILE)\s*[:—–-]\s*\S"
)
_OUTLET_LINE = re.compile(
    r"^(?:BY )?(?:THE )?[A-Z][A-Z.&' -]{0,40}\b"
    r"(?:PRESS|NEWS|AGENCY|TIMES|POST|HERALD|TRIBUNE|JOURNAL|DAILY|GAZETTE|WIRE)$"
)
_SIGN_OFF = re.compile(r"\s(?:[—–]|--)\s*(?P<outlet>[A-Z]{2,10}(?:/[A-Z]{2,6})?)$")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_GLUED_YEAR = re.compile(r"\b((?:19|20)[0-9]{2})(?=[0-9])")
_DATE_START = re.compile(r"(?<=[\s|,(])[0-9A-Za-z]")
_LABELLED_NAME = re.compile(r"\b(?i:editor|source|author|reporter|by)\s*:\s*[^|]*")
DATELINE_WORDS = frozenset(
    "published posted updated last modified first on at by ago hour hours minute minutes"
    " min mins read and am pm local time date".split()
    # The same labels in the languages of the pages we read: "Publié le : 27/07/2024 - 11:32",
    # "Publicado em 18/11/2024 às 19:40", "Diperbarui pukul", "Опубликовано в", "Cập nhật lúc".
    + "publié modifié mis à jour le du publicado atualizado actualizado em às el a las"
    " diperbarui dipublikasikan diterbitkan pukul опубликовано обновлено в cập nhật lúc ngày"
    " đăng veröffentlicht aktualisiert am um".split()
    # French writes the hour with an h ("à 10h12", "10 h 12").
    + ["h"]
)
# How long the story takes to read, alone or closing the date line: "4 min read",
# "4 min. de lecture", "Время чтения: 3 мин", "Waktu baca: 2 menit"
_MINUTES = r"\d{1,3}\s?(?i:min|mins|minutes?|minuten|мин|минут[аы]?|phút|menit)\.?"
_READING_TIME = re.compile(
    rf"(?:^|[\s.|·/-]+)(?:{_MINUTES}(?: (?i:read|reading|de lecture|de lectura|de leitura"
    r"|baca|đọc|lesezeit))?|(?i:reading time|read time|temps de lecture|tiempo de lectura"
    rf"|tempo de leitura|время чтения|thời gian đọc|waktu baca|lesezeit)\s*:?\s*{_MINUTES})$"
)
# What a writer is, in the languages of the pages we read (one, not "Journalists")
_WRITER = (
    r"(?:[Jj]ournalist|[Jj]ournaliste|[Cc]orrespondent|[Cc]orrespondant|[Cc]orrespondante|[Rr]eporter"
    r"|[Ee]ditor|[Rr]édacteur|[Rr]édactrice|[Pp]eriodista|[Jj]ornalista|[Ww]artawan|[Кк]орреспондент"
    r"|[Жж]урналист|[Pp]hóng viên|[Bb]iên tập viên|[Rr]edakteur|[Rr]edakteurin|[Cc]olumnist)"
)
# The writer's note under a byline: "Journaliste à la rubrique Monde, il suit …",
# "Correspondent at the UN, she covers …"
_WRITER_NOTE = re.compile(
    rf"^{_WRITER}(?: (?:à|au|aux|chez|de|du|for|at|with|of|в|tại|di|en|em|für|bei)\b|,)"
)
# "Koroi Hawkins, RNZ Pacific Editor": a writer's name, a comma, the desk and what they are
_NAMED_WRITER = re.compile(
    rf"^[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){{1,3}}, (?:[^\W\d_][\w/.&'’-]* ){{0,4}}{_WRITER}$"
)
# The author's bio closing an agency story: "Edith M. Lederer is the AP's chief ... correspondent"
_AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}|The (?:writer|author))"
    r" (?:is|was) (?:a |an |the )?.{0,60}?"
    r"\b(?i:correspondent|reporter|journalist|columnist|editor|writer|photographer)\b"
)

_CHROME_MAX_CHARS = 200
_DATELINE_MAX_CHARS = 60
_CREDIT_MAX_CHARS = 100
_CAPTION_MIN_WORDS = 3
_HEAD_LINES = 20  # a dateline or byline sits above the story or not at all
_HEAD_PARAGRAPHS = 2
_DATELINE_LINE_MAX_CHARS = 100
_TITLE_MIN_WORDS = 4
_TITLE_SEARCH_LINES = 15
_STORY_REACH = 4  # a headline's story starts within this many lines of it
_CLUTTER_MAX_WORDS = 3
_MENU_MIN_ITEMS = 3
_MENU_ITEM_MAX_WORDS = 4
_HASHTAG_MIN_ITEMS = 2
_BIO_LINES = 2
_PROSE_MIN_WORDS = 12
_SENTENCE_MIN_WORDS = 8
_TITLE_MAX_WORDS = 20
_LINK_MAX_WORDS = 20
_ENGLISH_STOPWORD_SHARE = 0.2
_FOREIGN_RUN_MIN_LETTERS = 24  # shorter runs are names or single words, too short to judge
_PROMO_MAX_WORDS = 60
_PROMO_MAX_OVERLAP = 0.4
_PROMO_MAX_RUN = 10
_PROMO_MIN_CORE = 3
_CAPITALS_START = re.compile(r"(?<= )(?=[^\W\d_a-z]{3,}[ ,(—–-])")  # "ABU DHABI —"
_GLUED_HEADLINE_MAX_CHARS = 200
_STAMP_REACH = 2  # a copy's source stamp closes the page
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_PROMO_MIN_RUN = 3  # fewer unrelated closing paragraphs are more likely the story's own
_FOREIGN_LINE_MIN_WORDS = 15
_LANGUAGE_CONFIDENCE = 0.9
_FOREIGN_ACCENT_SHARE = 0.15  # Vietnamese runs near 30% letters outside ASCII; names ~3%
_LANGUAGE_SAMPLE_CHARS = 120  # enough to tell a language; langid's cost grows with length
# Languages close enough that langid splits one article between them (an Indonesian story
# reads as Malay line by line): a line in a sibling of the article's language is not foreign.
# What langid reads English full of foreign names as ("Sitiveni Rabuka … in Suva", "Sergey
# Lavrov met … Pham Minh Chinh in Hanoi"): Nigerian Pidgin, an English-lexified language.
# No article we read is in Pidgin: such a story is English, and such a paragraph is not
# foreign to it. (Lines keep langid's guess: a menu word it reads as Pidgin is no English.)
_PIDGIN = "pcm"
_SIBLING_LANGUAGES = (
    frozenset({"id", "ms"}),
    frozenset({"bs", "hr", "sr"}),
    frozenset({"da", "nb", "nn", "no"}),
    frozenset({"cs", "sk"}),
)


@dataclass(slots=True)
class _Line:
    """One non-empty line being classified; `reason` is set once it is dropped."""

    text: str
    block: int
    reason: str | None = None
    role: str = "body"
    english: bool = False  # running English prose, by function words; set once, read twice
    guess: tuple[str, float] | None = None  # langid's language and probability, when asked
    verdict: str | None = None  # the line classifier's label when sure and not body
    confidence: float = 0.0  # its probability
    likeliest: str = "body"  # the classifier's likeliest label, sure or not
    tail_verdict: str | None = None  # the verdict had the line stood after the story
    after_cut: bool = False  # a paragraph the rules dropped lines right above

    @property
    def body(self) -> bool:
        return self.reason is None and self.role == "body"


@dataclass(slots=True)
class _Head:
    published: PartialDate | None = None
    published_text: str | None = None
    outlet: str | None = None


def without_controls(text: str) -> str:
    """The text without control characters other than line breaks and tabs: no article
    means them, and in a terminal they are commands (ESC [2J clears the screen)."""
    return _CONTROL.sub("", text)


def clean_text(text: str, repeated: Callable[[str], bool] | None = None) -> CleanText:
    """Split an article's text into title, body paragraphs, captions and removed lines.

    `repeated` tells the lines its source repeats across its stories (briefings/repetition.py).
    """
    return clean_text_with(text, shipped_model() if USE_LINE_MODEL else None, repeated)


def clean_text_with(
    text: str, line_model: LineModel | None, repeated: Callable[[str], bool] | None = None
) -> CleanText:
    """`clean_text` with the given line classifier, or with the rules alone (None)."""
    lines = _split_lines(without_controls(text))
    head, fragments = _read_head(lines)
    _drop_chrome(lines)
    _drop_repeated(lines, repeated)
    _drop_related_blocks(lines)
    language = _article_language(_kept(lines))
    _read_line_model(lines, line_model, language)
    _drop_link_boxes(lines)
    _mark_captions(lines)
    _mark_model_captions(lines)
    _mark_name_captions(lines)
    _unmark_tail_captions(lines)
    _drop_head_furniture(lines)
    _drop_other_language(lines, language)
    _drop_duplicates(lines)
    title = _mark_model_title(lines) or _mark_title(lines)
    _drop_tail_clutter(lines)
    _drop_tail_islands(lines)
    body = _join_wrapped(lines)
    signed_at, sign_off = _strip_sign_off(body)
    _drop_promo(body, signed_at, title)
    _drop_source_stamps(body, title)
    _drop_closing_notes(body, title, lines[0].text if lines else "")
    _drop_by_model(body)
    title = _unglue_page_title(lines, body, fragments) or title
    dateline, title = _split_wire_dateline(body, head, fragments, title)
    return CleanText(
        title=title,
        paragraphs=tuple(line.text for line in body if line.reason is None),
        captions=tuple(
            line.text for line in lines if line.reason is None and line.role == "caption"
        ),
        outlet=head.outlet or _dateline_agency(dateline) or sign_off,
        published=head.published,
        published_text=head.published_text,
        language=language,
        removed=tuple(fragments + _removals(lines + body)),
        dateline=dateline,
    )


def _split_lines(text: str) -> list[_Line]:
    text = _INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for block, chunk in enumerate(_BLANK_LINE.split(text)):
        for raw in chunk.split("\n"):
            line = squeeze_spaces(raw)
            if line:
                lines.append(_Line(line, block))
    return lines


def _drop_repeated(lines: list[_Line], repeated: Callable[[str], bool] | None) -> None:
    if repeated is None:
        return
    for line in _kept(lines):
        if repeated(line.text):
            line.reason = "repeated across the source's stories"


def _kept(lines: Iterable[_Line]) -> Iterator[_Line]:
    return (line for line in lines if line.reason is None)


def _removals(lines: list[_Line]) -> list[Removed]:
    return [Removed(line.text, line.reason) for line in lines if line.reason is not None]


def _has_blank_lines(lines: list[_Line]) -> bool:
    """Whether blank lines part the paragraphs (else each line is one, as in some seeds)."""
    return bool(lines) and lines[-1].block > 0


@lru_cache(maxsize=_LINE_CACHE)
def _letter_words(text: str) -> tuple[str, ...]:
    """The words of `text` spelled in letters (`Vietnam’s`, `talks`); numbers are left out."""
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=_LINE_CACHE)
def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


# --- the line classifier --------------------------------------------------------------


def _read_line_model(lines: list[_Line], model: LineModel | None, language: str) -> None:
    """Set each line's `verdict`: the label the classifier is sure of, if not body.

    A label needs its probability to be the largest and to clear the threshold fitted to
    keep body recall at 0.98 or more on sets the model was not fitted on.
    """
    if model is None or not lines:
        return
    features = line_features([x.text for x in lines], [x.block for x in lines], language)
    scores = model.probabilities(features)
    prose = features[:, FEATURES.index("prose")] > 0
    story = _story_lines(lines, scores, model.thresholds["title"])
    for i, (line, row, in_prose) in enumerate(zip(lines, scores, prose, strict=True)):
        label = int(row.argmax())
        name = line.likeliest = LABELS[label]
        threshold = model.thresholds.get(name, 1.0)
        if name == "boilerplate" and (in_prose or _is_prose(line.text)):
            threshold = max(threshold, model.thresholds["prose"])
        if name != "body" and row[label] >= threshold:
            line.verdict = line.tail_verdict = name
            line.confidence = float(row[label])
        if name in _MODEL_DROPS and i in story and row[label] < model.thresholds["inside_story"]:
            # Between the story's first and last sentences: a list item, a name, a short
            # paragraph of the story more often than chrome. Where the story ends is
            # settled once the rules have judged its tail (`_drop_by_model`).
            line.verdict = None


def _story_lines(lines: list[_Line], scores: Matrix, title_threshold: float) -> range:
    """From the story's first sentence to its last; a cache copy's banner above a confident
    headline is a sentence too, but not the story's."""
    sentences = [i for i, line in enumerate(lines) if line.reason is None and _is_sentence(line)]
    body, title = LABELS.index("body"), LABELS.index("title")
    own = [i for i in sentences if scores[i].argmax() == body]
    if not own:
        return range(sentences[0], sentences[-1] + 1) if sentences else range(0)
    headlines = [
        i
        for i in range(own[0])
        if scores[i].argmax() == title
        and scores[i, title] >= title_threshold
        and _is_headline(lines[i].text)
    ]
    first = next((i for i in sentences if i > headlines[0]), own[0]) if headlines else sentences[0]
    return range(first, sentences[-1] + 1)


def _is_sentence(line: _Line) -> bool:
    """A line that ends a sentence of a few words: the story runs from the first to the last."""
    return bool(_SENTENCE_END.search(line.text)) and len(line.text.split()) >= _SENTENCE_MIN_WORDS


def _mark_model_captions(lines: list[_Line]) -> None:
    """The classifier's captions, except a story's opening paragraph (it starts with the
    wire dateline), its closing one (no labelled page has a caption below the story's last
    paragraph; a wire's "… (IANS)" sign-off looks like a credit) and a headline-shaped line
    where headlines stand: right above the byline, or the first above the story's prose on
    a page where the classifier found no headline (under a date stamp, say)."""
    signed = _above_byline(lines)
    closing = next((x for x in reversed(lines) if x.body and _is_sentence(x)), None)
    untitled = not any(x.verdict == "title" and x.body and _is_headline(x.text) for x in lines)
    headline = _first_headline(lines) if untitled else None
    for line in _kept(lines):
        if line.verdict != "caption" or line is closing or _opens_with_dateline(line.text):
            continue
        if (id(line) in signed or line is headline) and _is_headline(line.text):
            continue
        line.role = "caption"


def _first_headline(lines: list[_Line]) -> _Line | None:
    """The first headline-shaped line kept above the story's first paragraph of prose."""
    for line in _kept(lines):
        if _is_prose(line.text):
            return None
        if _is_headline(line.text):
            return line
    return None


def _unmark_tail_captions(lines: list[_Line]) -> None:
    """Below the story's last paragraph a credit-shaped line is the site's imprint
    ("… Giấy phép số 78/GP-BTTTT. © Znews"), not a picture's caption: no labelled page has a
    caption there. It is left to the tail's rules and the classifier."""
    closing = max((i for i, x in enumerate(lines) if x.body and _is_sentence(x)), default=None)
    if closing is None:
        return
    for line in lines[closing + 1 :]:
        if line.reason is None and line.role == "caption":
            line.role = "body"


# The words that join the people in a photo, in the languages of the pages we read
_JOINING_WORDS = frozenset("and with et avec y con e com und mit и с và với dan bersama".split())
_NAME_CAPTION_MAX_WORDS = 8


def _mark_name_captions(lines: list[_Line]) -> None:
    """A photo's caption that only names who is in it (`Сергей Лавров и Ван И`), standing
    alone between two paragraphs of the story's prose: a subheading names a matter. Or
    one that opens on the two people and ends no sentence (`Ararat Mirzoyan and Abbas
    Araghchi at the start of the talks`), inside the story and above a paragraph of it."""
    kept = [line for line in lines if line.reason is None]
    started = False
    for above, line, below in zip(kept, kept[1:], kept[2:], strict=False):
        started = started or _is_prose(above.text)
        if not (line.body and _is_prose(below.text)):
            continue
        names = _names_only(line.text) and _is_prose(above.text)
        posed = _poses_for_the_camera(line) or _shows_the_scene(line)
        if names or (started and _opens_on_two_people(line)) or posed:
            line.role = "caption"


_SCENE_MIN_WORDS = 8
_SCENE_MAX_WORDS = 30
# People posing for the picture, in the languages of the pages we read: only a caption
# says so of its own photo ("Ministers pose for a group photo …", "… posent pour la photo
# de famille", "Kedua menlu berfoto bersama …"); no labelled body line does
_POSING = re.compile(
    r"\b(?:pose[sd]? for (?:a |the )?(?:\w+ )?(?:photo|picture)"
    r"|posing for (?:a |the )?(?:\w+ )?photo|pos(?:e|ent) pour (?:la|une) photo"
    r"|pos(?:a|an) para (?:la|una) foto|posam para (?:a|uma) foto|berfoto"
    r"|chụp ảnh (?:chung|lưu niệm)|позиру\w+|фотографируются|posieren für)",
    re.I,
)


# A picture of the whole room, as captions open in the languages of the pages we read: "General
# view of the talks", "Vue générale de …", "Общий вид …", and the Vietnamese press's "Quang
# cảnh …" / "Toàn cảnh …" (scene, overview), which open captions and seldom a sentence.
# Indonesian "Suasana …" (the atmosphere) is left out: "Suasana pertemuan hangat." is prose.
_SCENE_OPENER = re.compile(
    r"^(?:(?:A )?[Gg]eneral view (?:of|at)|[Oo]verview of|Vue (?:générale|d'ensemble|d’ensemble)"
    r"|Vista (?:general|geral)|Общий вид|Quang cảnh|Toàn cảnh)\b"
)
_SCENE_CAPTION_MAX_WORDS = 20


def _shows_the_scene(line: _Line) -> bool:
    """A short paragraph of one sentence opening on the view of the room or meeting."""
    text = line.text
    short = len(text.split()) <= _SCENE_CAPTION_MAX_WORDS and ". " not in text
    return short and bool(_SCENE_OPENER.match(text))


def _poses_for_the_camera(line: _Line) -> bool:
    """A short paragraph of one sentence showing people posing for the photo."""
    text = line.text
    return len(text.split()) <= _SCENE_MAX_WORDS and ". " not in text and bool(_POSING.search(text))


def _opens_on_two_people(line: _Line) -> bool:
    """Two names joined in the first words, the first of two capitalised words or more, and
    no sentence closing the line: a picture's subject and scene, not the story's prose."""
    words = line.text.split()
    if not _SCENE_MIN_WORDS <= len(words) <= _SCENE_MAX_WORDS or _SENTENCE_END.search(line.text):
        return False
    if line.verdict == "title":
        return False
    for i, word in enumerate(words[:_NAME_CAPTION_MAX_WORDS]):
        if word in _JOINING_WORDS and i + 1 < len(words):
            before = list(takewhile(lambda w: w[:1].isupper(), reversed(words[:i])))
            return len(before) >= 2 and words[i + 1][:1].isupper()
    return False


def _names_only(text: str) -> bool:
    """Two names of two words or more, joined: `Bui Thanh Son and Sergey Lavrov`; a heading
    such as `Trade and Investment` joins single words."""
    words = text.split()
    if len(words) > _NAME_CAPTION_MAX_WORDS or _SENTENCE_END.search(text):
        return False
    joins = [i for i, word in enumerate(words) if word in _JOINING_WORDS]  # "И" is a name
    if len(joins) != 1 or not 2 <= joins[0] <= len(words) - 3:
        return False
    return all(word[:1].isupper() for i, word in enumerate(words) if i != joins[0])


# "KUALA LUMPUR, KOMPAS.com - ...", "ABU DHABI —": a place in capitals opening a paragraph
_CAPITALS_OPENER = re.compile(r"^[^\W\d_a-z]{3,}(?: [^\W\d_a-z]{2,}){0,2}\s?[,(—–-]")


def _opens_with_dateline(text: str) -> bool:
    return (
        bool(_CAPITALS_OPENER.match(text))
        or opens_with_stamp(text)
        or read_wire_dateline(text)[0] is not None
    )


def _mark_model_title(lines: list[_Line]) -> str | None:
    """The likeliest headline-shaped title above the story's prose, with the page
    furniture above it dropped as `_mark_title` drops it; None when there is none."""
    body = [line for line in lines if line.body]
    candidates = [line for line in body if line.verdict == "title" and _is_headline(line.text)]
    candidates = [line for line in candidates if not _above_section_menu(lines, line)]
    if not candidates:
        return None
    chosen = max(candidates, key=lambda line: line.confidence)
    # Of a headline and the standfirst under it, both headline-shaped and the byline or date
    # right below, the page's headline is the one on top.
    index = body.index(chosen)
    below = next(i for i, x in enumerate(lines) if x is chosen) + 1
    if index and body[index - 1] in candidates and _gone(lines, below):
        chosen = body[index - 1]
    chosen = _printed_headline(body, chosen)
    above = body[: body.index(chosen)]
    if any(_is_prose(line.text) and not _reads_as_chrome(line) for line in above):
        return None  # a headline stands above the story; let the rules look
    for line in above:
        line.reason = "navigation"
    chosen.role = "title"
    return chosen.text


_SECTION_MENU_MIN_ITEMS = 6  # a share bar under a headline has fewer, and a label
_MASTHEAD_LINES = 3  # the site's name and tagline open the page


def _above_section_menu(lines: list[_Line], candidate: _Line) -> bool:
    """A headline-shaped line opening the page above the site's section menu is the
    masthead's tagline ("South Atlantic News Agency"): the story's headline stands below
    the menus. (Lower down, a row of topics may stand under a headline.)"""
    start = next(i for i, line in enumerate(lines) if line is candidate)
    if start >= _MASTHEAD_LINES:
        return False
    for line in lines[start + 1 :]:
        if _is_prose(line.text):
            return False
        items = _MENU_SEPARATOR.split(line.text)
        if len(items) >= _SECTION_MENU_MIN_ITEMS and ":" not in line.text and _is_menu(line.text):
            return True
    return False


def _reads_as_chrome(line: _Line) -> bool:
    """Prose that may stand above the headline: the classifier's chrome or metadata, or a
    note naming a web address (a cache copy's banner)."""
    return line.likeliest in _MODEL_DROPS or bool(WEB_ADDRESS.search(line.text))


_BROWSER_TITLE_SEPARATOR = re.compile(r"\s+[-–—|:·]\s")


def _printed_headline(body: list[_Line], chosen: _Line) -> _Line:
    """The headline as the page prints it, when `chosen` is that headline repeated as the
    browser title (`Headline - Section - Outlet`, `Headline | Outlet`)."""
    for line in body:
        repeated = line is not chosen and chosen.text.startswith(line.text)
        rest = chosen.text[len(line.text) :]
        if repeated and _BROWSER_TITLE_SEPARATOR.match(rest) and _is_headline(line.text):
            return line
    return chosen


_MODEL_DROPS = ("boilerplate", "metadata")


def _drop_by_model(body: list[_Line]) -> None:
    """Paragraphs the rules kept and the classifier is sure are chrome or metadata (last,
    so that the rules name what they drop and judge the story's tail as a whole).

    The story now ends with the last sentence the rules kept: below a closing appeal or
    cache stamp they dropped, the lines are judged as the page's tail."""
    last = _story_end(body)
    for i, line in enumerate(body):
        verdict = line.tail_verdict if i > last else line.verdict
        if line.body and verdict in _MODEL_DROPS:
            line.reason = "chrome-model" if verdict == "boilerplate" else "metadata-model"


def _story_end(body: list[_Line]) -> int:
    """The story's last sentence the rules kept; but sentences below chrome the rules cut
    (an imprint, an address under the comment bar) that the classifier does not read as
    the story's own close the page, not the story."""
    sentences = [i for i, line in enumerate(body) if line.body and _is_sentence(line)]
    if not sentences:
        return -1
    own = [i for i in sentences if body[i].likeliest == "body"]
    if own and any(line.after_cut for line in body[own[-1] + 1 : sentences[-1] + 1]):
        return own[-1]
    return sentences[-1]


# --- head: dateline and outlet -------------------------------------------------------


def _read_head(lines: list[_Line]) -> tuple[_Head, list[Removed]]:
    """Take the dateline and the outlet byline off the lines above the story.

    The head runs to the story's second paragraph, since a standfirst may come first.
    """
    head, fragments = _Head(), list[Removed]()
    paragraphs = 0
    for line in lines[:_HEAD_LINES]:
        # A cookie notice above the page reads as prose, but is no paragraph of the story.
        prose = _is_prose(line.text) and _chrome_reason(line.text) is None
        paragraphs += prose
        if paragraphs == _HEAD_PARAGRAPHS:
            break
        date = None if prose else _metadata_date(line.text)
        if date is not None:
            line.reason = "dateline"
            if head.published is None:
                head.published, head.published_text = date, line.text
        elif head.published is None and _head_dateline(line, head, fragments):
            continue
        elif _is_outlet(line.text):  # the site's name, then the wire's ("PTI")
            line.reason = "outlet"
            head.outlet = head.outlet or line.text.removeprefix("By ").strip()
    return head, fragments


def _split_head_dateline(line: _Line, head: _Head, fragments: list[Removed]) -> bool:
    """`date 2021-07-07 The meeting...`: a dateline glued to the front of a kept line."""
    date, dateline, rest = split_dateline(line.text)
    if date is None:
        return False
    head.published, head.published_text = date, dateline
    if rest:
        line.text = rest
        fragments.append(Removed(dateline, "dateline"))
    else:
        line.reason = "dateline"
    return True


def _head_dateline(line: _Line, head: _Head, fragments: list[Removed]) -> bool:
    if not _ASCII_DIGIT.search(line.text):
        return False  # both readers need a day or a year in digits
    return _split_head_dateline(line, head, fragments) or _read_place_dateline(line, head)


def _read_place_dateline(line: _Line, head: _Head) -> bool:
    """`HANOI, May 7, 2023 -- The meeting...`: the story's own dateline, left in its text as a
    web page's extractor leaves it."""
    date, dateline = place_dateline(line.text)
    if date is None:
        return False
    head.published, head.published_text = date, dateline
    return True


def _split_wire_dateline(
    body: list[_Line], head: _Head, fragments: list[Removed], title: str | None
) -> tuple[WireDateline | None, str | None]:
    """Take the wire dateline (`HANOÏ, 27 juillet (RFI) -`) off the story's first paragraph,
    so that no claim quotes it and its agency is not read as taking part in the story; and
    the title with it, if the page glued its headline to the front of that paragraph.

    Returns the dateline and the article's title.
    """
    # The story's first paragraph: a byline or credit the rules kept stands above it.
    story = [x for x in body if x.reason is None and len(x.text.split()) >= _SENTENCE_MIN_WORDS]
    if not story:
        return None, title
    first = story[0]
    dateline, rest = read_wire_dateline(first.text)
    if dateline is None:
        dateline, rest = _mixed_case_dateline(first.text)
    if dateline is None and len(story) > 1:
        # A standfirst may stand above the wire's first paragraph, which the dateline opens.
        dateline, rest = read_wire_dateline(story[1].text)
        first = story[1] if dateline else first
    glued = None
    if dateline is None and title is None:
        glued, dateline, rest = _glued_headline(first.text)
    if dateline is None:
        return None, title
    first.text = rest
    fragments.append(Removed(dateline.text, "dateline"))
    if head.published is None and dateline.date is not None:
        head.published, head.published_text = dateline.date, dateline.text
    return dateline, title or glued


# Places of the gazetteer (towns, cities, regions), folded: a place written in mixed case opens a
# dateline only when it is one of them ("Jakarta - Menteri ...", not "Mr Smith - the ...")
_PLACES = frozenset(
    fold_text(name)
    for name, others, _ in datafiles.rows("gazetteer/places.tsv", 3)
    for name in [name, *filter(None, others.split("|"))]
)
_MIXED_CASE_DATELINE = re.compile(r"^([A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+){0,2}) [-–—]{1,2} (?=[A-Z])")


def _mixed_case_dateline(paragraph: str) -> tuple[WireDateline | None, str]:
    """`Jakarta - Menteri ...`: a place of the gazetteer in mixed case, a dash, a sentence."""
    match = _MIXED_CASE_DATELINE.match(paragraph)
    rest = paragraph[match.end() :] if match else ""
    if (
        match is None
        or fold_text(match[1]) not in _PLACES
        or len(rest.split()) < _SENTENCE_MIN_WORDS
    ):
        return None, paragraph
    return WireDateline(match.group().strip(), match[1]), rest


def _unglue_page_title(
    lines: list[_Line], body: list[_Line], fragments: list[Removed]
) -> str | None:
    """A headline the page printed on its own above the story (as the browser title, `Lavrov
    Holds Press Conference - Sputnik International`) and again run into the first paragraph:
    the repeat is cut off the paragraph, and the headline returned as the title."""
    first = next((x for x in body if x.reason is None and _is_sentence(x)), None)
    if first is None:
        return None
    for line in lines[:_HEAD_LINES]:
        if line.reason is None and line.role != "title":
            continue
        words = _letter_or_number_words(line.text)
        if len(words) < _TITLE_MIN_WORDS or not first.text.startswith(words[0]):
            continue  # the cheap test first: most pages have no repeat
        pattern = r"[\W_]+".join(map(re.escape, words))
        match = re.match(rf"{pattern}[^\w\s]*\s+(?=\S)", first.text)
        if match and len(first.text) - match.end() >= len(match.group()):
            fragments.append(Removed(match.group().strip(), "title"))
            first.text = first.text[match.end() :]
            for above in takewhile(lambda x: x is not first, body):
                if above.reason is None and _is_clutter(above.text):
                    above.reason = "navigation"  # menu words above the headline
            return _without_site_name(line.text)
    return None


def _letter_or_number_words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


def _without_site_name(title: str) -> str:
    """`Headline - Outlet` or `Headline | Outlet` → `Headline` (a browser title's suffix)."""
    head, _, tail = title.rpartition(" | ") if " | " in title else title.rpartition(" - ")
    return head if head and len(_letter_words(tail)) <= _CLUTTER_MAX_WORDS else title


def _glued_headline(text: str) -> tuple[str | None, WireDateline | None, str]:
    """`UAE and India sign treaty ABU DHABI — The UAE and...`: a headline the page ran into
    the story, found by the wire dateline in capitals that follows it."""
    for match in _CAPITALS_START.finditer(text[:_GLUED_HEADLINE_MAX_CHARS]):
        headline = text[: match.start()].strip()
        if not _is_headline(headline) or headline.isupper():
            continue
        dateline, rest = read_wire_dateline(text[match.start() :])
        if dateline is not None and dateline.place.isupper():
            return headline, dateline, rest
    return None, None, text


def _dateline_agency(dateline: WireDateline | None) -> str | None:
    return dateline.agency if dateline else None


@lru_cache(maxsize=_LINE_CACHE)
def _metadata_date(text: str) -> PartialDate | None:
    """The date on a line that holds nothing but metadata around it.

    `KYODO NEWS - Jun 29, 2023 - 21:40 | World`, `Published 10:32 AM GMT+7, March 3, 2024`:
    the date may start anywhere, but the rest must be labels, times and names, so a
    headline or sentence that mentions a date never passes.
    """
    if len(text) > _DATELINE_LINE_MAX_CHARS or not _ASCII_DIGIT.search(text):
        return None  # every date the dateline readers know has a day or a year in digits
    text = _READING_TIME.sub("", text) or text
    text = _GLUED_YEAR.sub(r"\1 ", text)  # "July 8, 20242:15 PM": the page lost a space
    for start in _word_starts(text):
        date, _, rest = split_dateline(text[start:])
        if date is None:  # "Publié le 4 décembre 2026 à 10h12": months of other languages
            date, rest = leading_date(text[start:])
        if date is not None and _only_metadata(text[:start] + " " + rest):
            return date
        # "Publié le 3 décembre à 19:42 - Modifié le 3 décembre à 21:05": two stamps
        if date is not None and _only_metadata(text[:start]) and _metadata_date(rest):
            return date
    date, rest = day_first_date(text)  # "Thứ ba, 1/3/2022, 21:34 (GMT+7)"
    return date if date is not None and _only_metadata(rest) else None


def _word_starts(text: str) -> Iterator[int]:
    yield 0
    yield from (match.start() for match in _DATE_START.finditer(text))


def _only_metadata(text: str) -> bool:
    """No lower-case word outside dateline labels: names and sections, not a sentence."""
    text = _LABELLED_NAME.sub(" ", text)
    return all(not word.islower() or word in DATELINE_WORDS for word in _letter_words(text))


def _is_prose(text: str) -> bool:
    return text.endswith((".", "!", "?", '"', "”")) and len(_letter_words(text)) >= _PROSE_MIN_WORDS


def _is_outlet(text: str) -> bool:
    return (
        _key(text.removeprefix("By ")) in OUTLETS
        or bool(_OUTLET_LINE.match(text))
        or bool(_SITE_NAME.match(text))
    )


# "KOMPAS.com", "vnexpress.net": a site named by its domain, alone on a line
_SITE_NAME = re.compile(r"^[A-Za-z][\w-]{1,30}\.(?:[a-z]{2,4}|[A-Z]{2,4})(?:\.[a-z]{2})?$")


# --- chrome and related links --------------------------------------------------------


def _drop_chrome(lines: list[_Line]) -> None:
    for line in _kept(lines):
        line.reason = _chrome_reason(line.text)


@lru_cache(maxsize=_LINE_CACHE)
def _chrome_reason(text: str) -> str | None:
    if len(text) > _CHROME_MAX_CHARS:
        return None
    if not _LETTER.search(text):
        return "timestamp" if _TIMESTAMP.match(text) else "no-text"
    if _READING_TIME.match(text):
        return "timestamp"
    if _is_bare_dateline(text) or _is_relative_stamp(text) or _is_age_stamp(text):
        return "timestamp"
    if _key(text) in CHROME_LINES or any(p.search(text) for p in _SITE_CHROME):
        return "site-chrome"
    if _is_menu(text):
        return "navigation"
    if _is_hashtag_list(text):
        return "site-chrome"
    if _RELATED_LINE.match(text) and len(_letter_words(text)) <= _LINK_MAX_WORDS:
        return "related-links"
    if _is_labelled_link(text):
        return "related-links"
    if _BYLINE.match(text) or _is_credit_byline(text) or _NAMED_WRITER.match(text):
        return "byline"
    if _WRITER_NOTE.match(text) and len(_letter_words(text)) <= _LINK_MAX_WORDS + 5:
        return "author-bio"
    return None


def _is_hashtag_list(text: str) -> bool:
    """`#Sugiono #ASEAN #Myanmar`: a line of hashtags is the page's tags, never the story."""
    items = text.split("#")
    return (
        text.startswith("#")
        and len(items) > _HASHTAG_MIN_ITEMS
        and all(len(item.split()) <= _MENU_ITEM_MAX_WORDS for item in items)
    )


def _is_credit_byline(text: str) -> bool:
    if not _CREDIT_BYLINE.match(text):
        return False
    names = text.split()[1:]  # the label's colon stays on the label
    return all(n[0].isupper() and n.casefold() not in STOPWORDS for n in names)


def _is_bare_dateline(text: str) -> bool:
    """`Updated: March 3, 2024 10:56`, alone on its line."""
    if len(text) > _DATELINE_MAX_CHARS:
        return False
    date, _, rest = split_dateline(text)
    return date is not None and not rest


def _is_age_stamp(text: str) -> bool:
    """`Updated 3 hours ago`: an age with a label or an "ago" word, never a bare "3 days"."""
    match = _AGE_STAMP.match(text)
    return match is not None and any(match.group("label", "before", "after"))


def _is_relative_stamp(text: str) -> bool:
    """`Publié aujourd'hui à 14h05`: a label and a time, every other word a date label."""
    if not _RELATIVE_STAMP.match(text):
        return False
    words = [w.casefold() for w in _letter_words(text)]
    relative = {"today", "yesterday", "aujourd'hui", "aujourd’hui", "hier", "hoy", "ayer"}
    relative |= {"hoje", "ontem", "hari", "ini", "kemarin", "heute", "gestern", "сегодня"}
    relative |= {"вчера", "hôm", "nay", "qua", "am", "pm", "gmt", "utc", "wib", "ict", "ist"}
    return all(w in DATELINE_WORDS or w in relative or w == "h" for w in words)


# The count a button shows beside its name: "Comments (3)", "Bình luận (0)"
_COUNT = re.compile(r"\s*\(\d+\)$")


def _is_menu(text: str) -> bool:
    """`Sign in | Register`: short items between separators, no sentence among them; a
    breadcrumb `Home / Press / Speeches` needs three items (`Name / Staff Reporter` has two)."""
    items = [_COUNT.sub("", item) for item in _MENU_SEPARATOR.split(text) if item]
    if len(items) < 2 and text.count(" / ") >= 2:
        items = text.split(" / ")
    if len(items) < 2 or any(_SENTENCE_END.search(item) for item in items):
        return False
    return all(len(item.split()) <= 4 for item in items)


def _drop_related_blocks(lines: list[_Line]) -> None:
    """A header such as `Other News` or `Trending` drops itself and the links under it.

    Above the story the same words (`Latest`, `Popular`) are menu items, not headers.
    """
    in_block = story = False
    for line in _kept(lines):
        story = story or _is_prose(line.text)
        if story and _key(line.text) in RELATED_HEADERS:
            in_block, line.reason = True, "related-links"
        elif in_block and _is_link_like(line.text):
            line.reason = "related-links"
        else:
            in_block = False


def _drop_link_boxes(lines: list[_Line]) -> None:
    """A box of links between the story's paragraphs, whatever its label's language says
    (`Czytaj także:`): a short label closed by a colon, then headlines the classifier calls
    chrome, then the story's prose again or nothing. A list under "Key points:" above the
    story, or under a sentence ending in a colon inside it, is the story's own."""
    kept = [line for line in lines if line.reason is None]
    story = False
    for i, line in enumerate(kept):
        if not story:
            story = _is_prose(line.text)
            continue
        if _is_box_label(line):
            links = list(takewhile(_is_box_link, kept[i + 1 : i + 1 + _BOX_MAX_LINKS + 1]))
            after = kept[i + 1 + len(links) : i + 2 + len(links)]
            if 0 < len(links) <= _BOX_MAX_LINKS and all(_is_prose(x.text) for x in after):
                for box in (line, *links):
                    box.reason = "related-links"


_BOX_MAX_LINKS = 5


def _is_box_label(line: _Line) -> bool:
    text = line.text
    return (
        text.endswith(":")
        and len(_letter_words(text)) <= _LABEL_MAX_WORDS
        and line.likeliest in _MODEL_DROPS
    )


def _is_box_link(line: _Line) -> bool:
    return (
        line.likeliest in _MODEL_DROPS
        and _is_headline(line.text)
        and not _LIST_MARKER.match(line.text)
    )


def _is_labelled_link(text: str) -> bool:
    """`Đọc thêm: <headline>`: a related-links header of the table and one link on its line."""
    match = _LABELLED_LINK.match(text)
    if match is None:
        return False
    return _key(match["label"]) in RELATED_HEADERS and _is_link_like(match["link"])


def _is_link_like(text: str) -> bool:
    if _LIST_MARKER.match(text) or not _LETTER.search(text):
        return True
    return len(_letter_words(text)) <= _LINK_MAX_WORDS and not text.endswith(".")


# --- language -----------------------------------------------------------------------


@lru_cache(maxsize=_LINE_CACHE)
def _looks_english(text: str) -> bool:
    """Running English prose: enough function words, whatever names it carries."""
    words = [word.casefold() for word in _letter_words(text)]
    if len(words) < 4:
        return False
    return sum(word in STOPWORDS for word in words) / len(words) >= _ENGLISH_STOPWORD_SHARE


def _article_language(lines: Iterable[_Line]) -> str:
    """English when most text reads as English prose, else the language most letters are in."""
    kept = list(lines)
    for line in kept:
        line.english = _looks_english(line.text)
    total = sum(len(line.text) for line in kept)
    if not total or 2 * sum(len(line.text) for line in kept if line.english) >= total:
        return "en"
    letters: Counter[str] = Counter()
    for line in kept:
        letters["en" if line.english else _guess(line)[0]] += _letters(line.text)
    most = letters.most_common(1)[0][0]
    return "en" if most == _PIDGIN else most


def _language_vote(line: _Line, language: str) -> str | None:
    """`article`, `foreign` or `none` (no letters) when the letters settle it, else None."""
    sample = line.text[:_LANGUAGE_SAMPLE_CHARS]
    letters = _letters(sample)
    if not letters:
        return "none"
    if language == "en" and line.english:
        return "article"
    if language == "en" and _accented(sample) >= _FOREIGN_ACCENT_SHARE * letters:
        return "foreign"  # English with foreign names stays far below this share
    return None


def _guessed_vote(line: _Line, language: str) -> str:
    """`article`, `foreign` or `unsure` (too short to tell), by langid's guess."""
    guess, confidence = _guess(line)
    if same_language(guess, language):
        return "article"
    return "foreign" if confidence >= _LANGUAGE_CONFIDENCE and _telling(line) else "unsure"


def _telling(line: _Line) -> bool:
    """Long enough for a confident guess to count: a dozen letters, or not plain ASCII."""
    return _letters(line.text[:_LANGUAGE_SAMPLE_CHARS]) >= 12 or not line.text.isascii()


def _accented(text: str) -> int:
    return sum(not char.isascii() for char in text if char.isalpha())


def _guess(line: _Line) -> tuple[str, float]:
    if line.guess is None:
        line.guess = _identify(line.text)
    return line.guess


@lru_cache(maxsize=_LINE_CACHE)
def _identify(text: str) -> tuple[str, float]:
    """langid's best guess and its probability (English with many names reads as Pidgin)."""
    ranking = language_id.rank(text[:_LANGUAGE_SAMPLE_CHARS])
    best = ranking[0][1]
    return str(ranking[0][0]), 1 / sum(math.exp(score - best) for _, score in ranking)


# A line with the vote its letters give, or None until langid is asked.
_Voted = tuple[_Line, str | None]


def _drop_other_language(lines: list[_Line], language: str) -> None:
    """Drop runs of lines in another language; judged per run since short lines mislead."""
    # A caption is judged by its credit: its names make langid's guess unreliable.
    judged = (line for line in _kept(lines) if line.role != "caption")
    for stretch in _stretches(judged, language):
        _drop_foreign_runs(stretch, language)


def _stretches(lines: Iterable[_Line], language: str) -> Iterator[list[_Voted]]:
    """The lines between those whose letters alone vote for the article's language."""
    stretch: list[_Voted] = []
    for line in lines:
        vote = _language_vote(line, language)
        if vote == "article":
            yield stretch
            stretch = []
        else:
            stretch.append((line, vote))
    yield stretch


def _drop_foreign_runs(stretch: list[_Voted], language: str) -> None:
    """Judge the runs of one stretch, asking langid about as few lines as settle them.

    langid costs more than the rest of cleaning. A line it reads as the article's language
    splits the stretch, so the longest line, the likeliest to, is asked first; a part that
    could hold no droppable run, whatever langid says of its lines, is left alone.
    """
    parts = [stretch]
    while parts:
        part = parts.pop()
        if not _may_hold_foreign_run(part):
            continue
        unasked = [i for i, (_, vote) in enumerate(part) if vote is None]
        if not unasked:
            foreign = sum(vote == "foreign" for _, vote in part)
            _judge_run([line for line, _ in part], foreign, language)
            continue
        i = max(unasked, key=lambda i: len(part[i][0].text))
        line = part[i][0]
        vote = _guessed_vote(line, language)
        if vote == "article":
            parts += [part[:i], part[i + 1 :]]
        else:
            parts.append([*part[:i], (line, vote), *part[i + 1 :]])


def _may_hold_foreign_run(part: list[_Voted]) -> bool:
    """Whether a run of the part could pass `_judge_run`'s first test, whatever langid says."""
    foreign = sum(vote == "foreign" or (vote is None and _telling(line)) for line, vote in part)
    longest = max((len(_letter_words(line.text)) for line, _ in part), default=0)
    return foreign >= 2 or longest >= _FOREIGN_LINE_MIN_WORDS


def _judge_run(run: list[_Line], foreign: int, language: str) -> None:
    """Drop a run with two foreign lines (or one long one) that reads as foreign as a whole."""
    text = " ".join(line.text for line in run)
    longest = max((len(_letter_words(line.text)) for line in run), default=0)
    if foreign < 2 and longest < _FOREIGN_LINE_MIN_WORDS:
        return  # one short line: a name-heavy English line fools langid too easily
    if _letters(text) >= _FOREIGN_RUN_MIN_LETTERS and _reads_foreign(text, language):
        for line in run:
            line.reason = "other-language"


def _reads_foreign(text: str, language: str) -> bool:
    if language == "en" and _accented(text) >= _FOREIGN_ACCENT_SHARE * _letters(text):
        return True  # another script, or Latin heavy with diacritics (Vietnamese)
    guess, confidence = _identify(text)
    if language == "en" and guess == _PIDGIN:
        return False
    return not same_language(guess, language) and confidence >= _LANGUAGE_CONFIDENCE


def same_language(guess: str, language: str) -> bool:
    """Whether langid's `guess` is the article's language or a sibling it mistakes for it."""
    return guess == language or any(
        guess in group and language in group for group in _SIBLING_LANGUAGES
    )


# --- duplicates, captions, title ----------------------------------------------------


def _drop_duplicates(lines: list[_Line]) -> None:
    seen: set[str] = set()
    for line in _kept(lines):
        key = line.text.casefold()
        if key in seen:
            line.reason = "duplicate"
        seen.add(key)


@lru_cache(maxsize=_LINE_CACHE)
def _credit_start(text: str) -> int | None:
    """Where the photo credit closing `text` starts, if one does."""
    offset = max(0, len(text) - _CREDIT_MAX_CHARS)
    tail = text[offset:]
    for pattern in (*_CAPTIONS, *_CREDITS):
        match = pattern.search(tail)
        if match:
            return offset + match.start()
    return None


# A picture's text under its label, as a copied page keeps it: "Ảnh: Phó Thủ tướng …"
_PICTURE_TEXT = re.compile(
    r"^(?i:(?:(?:photo|image|picture|img) )?alt(?: text)?|photo|image|picture|фото|ảnh|hình ảnh"
    r"|foto|gambar|bild)\s*:\s*"
)
_ECHO_WORDS = 4
_ECHO_MIN_WORDS = 3


def _mark_picture_texts(lines: list[_Line]) -> None:
    """A picture's text whose words open the line below: that line is the caption, and the
    label line the picture's alternative text, which a reader never sees as such."""
    kept = [line for line in lines if line.reason is None]
    for line, below in pairwise(kept):
        label = _PICTURE_TEXT.match(line.text)
        if label is None:
            continue
        if _echoes(line.text[label.end() :], below.text):
            line.reason, below.role = "picture-text", "caption"


def _echoes(picture_text: str, below: str) -> bool:
    """Whether the line below repeats a picture's text: its first words, or (an alt text
    naming who is pictured) every word of it."""
    words = picture_text.casefold().split()
    below_words = below.casefold().split()
    if len(words) >= _ECHO_WORDS and below_words[:_ECHO_WORDS] == words[:_ECHO_WORDS]:
        return True
    return len(words) >= _ECHO_MIN_WORDS and set(words) <= set(below_words)


def _mark_captions(lines: list[_Line]) -> None:
    """A line closed by a credit is a caption; a credit with no caption text is chrome."""
    _mark_picture_texts(lines)
    for line in _kept(lines):
        start = _credit_start(line.text)
        if start is None:
            if _CAPTION_OPENER.match(line.text):
                line.role = "caption"
            continue
        caption = line.text[:start].strip()
        if len(_letter_words(caption)) >= _CAPTION_MIN_WORDS or _is_named_sentence(caption):
            line.role = "caption"
        else:
            line.reason = "photo-credit"


def _is_named_sentence(text: str) -> bool:
    """`Bakhtiyor Saidov.` before a credit: who is pictured (a photographer's name before
    `/AFP` has no full stop)."""
    return text.endswith(".") and _is_person_name(text[:-1])


# Where a person stands in the photo, in the languages of the pages we read: a caption's
# mark that a story's sentence does not use ("(left)", "(R)", "(à gauche)", "(kiri)")
_POSITION_MARK = re.compile(
    r"\((?:(?:second |third |far |2nd )?(?:left|right|centre|center|front|back)"
    r"|(?:à )?(?:gauche|droite)|(?:izq|der)\.?|izquierda|derecha|esquerda|direita"
    r"|kiri|kanan|tengah|trái|phải|giữa|слева|справа|links|rechts)"
    r"(?:,? (?:to|à|a) (?:right|left|droite|gauche|derecha|izquierda))?\)"
    # set off by commas after a name: "Maris Sangiampongsa, right, shakes hands with …"
    r"|(?<=[a-z]), (?:(?:second |third |far )?(?:left|right|centre|center)), (?=[a-z])"
)
# "(R)" alone may be a senator's party; "(L)" and "(R)" together stand in a photo
_PAIRED_MARKS = re.compile(r"\(L\).*\(R\)|\(R\).*\(L\)")
# "Tham Yuen-C", "Анна Коваленко": two to four words, each opening with a capital
_PERSON_NAME = re.compile(r"^[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){1,3}$")
_READER = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours)\b")
_QUOTE_MARKS = re.compile(r"[\"“”«»„]")
_LABEL_MAX_WORDS = 3


def _drop_head_furniture(lines: list[_Line]) -> None:
    """Between the masthead and the story's first paragraph, drop what is no headline,
    standfirst or caption: a byline name beside other metadata ("Suhasini Haidar" over the
    dateline), a fragment of a split byline between dropped lines ("in Brussels"), a label
    such as "Key points:", and a line that speaks to the reader ("Save articles to read
    later and create your own reading list.")."""
    # A standfirst may come first, so the head runs to the second paragraph of prose.
    prose = [i for i, x in enumerate(lines) if x.body and _is_prose(x.text)]
    start = prose[min(1, len(prose) - 1)] if prose else None
    # Above the headline the menus are `_mark_title`'s to drop, as a run.
    headline = next((i for i, x in enumerate(lines) if x.verdict == "title"), None)
    if start is None or headline is None or headline > start:
        return
    story: set[str] = set()

    def story_words() -> set[str]:  # read only for a name-shaped line, which few heads have
        if not story:
            story.update(
                word.casefold()
                for line in lines[start:]
                if line.body and _is_prose(line.text)
                for word in _letter_words(line.text)
            )
        return story

    head = lines[headline:start]
    for line in head:
        marked = _POSITION_MARK.search(line.text) or _PAIRED_MARKS.search(line.text)
        if line.body and marked and line.verdict != "title":
            line.role = "caption"  # "Putin (left) and Tokayev at the palace on Nov. 27."
    changed = True
    while changed:  # a dropped line may leave its neighbour between two
        changed = False
        for i, line in enumerate(head):
            if not line.body or i == 0:
                continue
            above, below = _gone(head, i - 1), _gone(head, i + 1)
            reason = _head_furniture(line.text, story_words, above, below)
            # Under the headline, a line the classifier reads as another headline (a
            # standfirst) goes only as a byline: "Pia Lee-Brago - The Philippine Star".
            if reason and (line.verdict != "title" or reason == "byline"):
                line.reason, changed = reason, True


# What parts the writers of a byline, and a writer from the outlet: "Елена Черненко, Кирилл
# Кривошеев", "Pia Lee-Brago - The Philippine Star", "QĐND Online - MINH KHÁNH"
_BYLINE_PARTS = re.compile(r", | (?:and|et|e|y|и|và|dan) | [-–—/|] ")
_OUTLET_AFTER_NAME = re.compile(r" [-–—/|] ")


def _is_byline_names(text: str, story: Callable[[], set[str]]) -> bool:
    """A line of writers' names, or a name and its outlet, that the story never uses: a
    name of the story's (a caption naming who is pictured) shares its words."""
    parts = _BYLINE_PARTS.split(text)
    names = [part for part in parts if _is_person_name(part) and _no_function_word(part)]
    if not names or len(parts) > _MENU_MIN_ITEMS:
        return False
    if len(names) < len(parts):  # a name and its outlet after a dash, which no caption holds
        dashed = _OUTLET_AFTER_NAME.search(text) is not None
        return dashed and len(names) == 1 and all(_is_title_case(part) for part in parts)
    return all(story().isdisjoint(w.casefold() for w in _letter_words(name)) for name in names)


def _no_function_word(text: str) -> bool:
    return not any(word.casefold() in STOPWORDS for word in _letter_words(text))


def _is_title_case(text: str) -> bool:
    words = _letter_words(text)
    return 0 < len(words) <= _MENU_ITEM_MAX_WORDS and words[-1][:1].isupper()


def _is_person_name(text: str) -> bool:
    return bool(_PERSON_NAME.match(text)) and all(word[:1].isupper() for word in text.split())


def _gone(lines: list[_Line], index: int) -> bool:
    """Whether the line at `index` is dropped, or the classifier is sure it will be."""
    if not 0 <= index < len(lines):
        return False
    line = lines[index]
    return line.reason is not None or line.verdict in _MODEL_DROPS


def _head_furniture(
    text: str, story: Callable[[], set[str]], above: bool, below: bool
) -> str | None:
    words = _letter_words(text)
    if not words:
        return None
    if len(words) <= _LABEL_MAX_WORDS and text.endswith(":"):
        return "navigation"
    if _is_prose(text):
        return None  # the standfirst or the story's first paragraph
    if text.endswith((".", "!")) and _READER.search(text) and not _QUOTE_MARKS.search(text):
        return "site-chrome"
    if (above or below) and _is_byline_names(text, story):
        return "byline"
    if above and below and len(words) <= _LABEL_MAX_WORDS and not _SENTENCE_END.search(text):
        return "navigation"
    return None


def _mark_title(lines: list[_Line]) -> str | None:
    """The first line above the story that reads like a headline and leads into it.

    Whatever stands above the headline is page furniture (sections, breadcrumbs, menus)
    and is dropped with it.
    """
    body = [line for line in lines if line.body]
    blocks = _has_blank_lines(lines)
    signed = _above_byline(lines)
    for index, line in enumerate(body[:_TITLE_SEARCH_LINES]):
        if _is_prose(line.text):
            break  # the story began without a headline
        if _above_section_menu(lines, line):
            line.reason = "navigation"  # the masthead: nothing of the story is above the menus
            continue
        if _leads_story(body, index, blocks) or (id(line) in signed and _is_headline(line.text)):
            for above in body[:index]:
                above.reason = "navigation"
            line.role = "title"
            return line.text
    _drop_leading_menu(body)
    return None


def _above_byline(lines: list[_Line]) -> set[int]:
    """Lines standing right above a byline or a dateline: where headlines stand."""
    return {
        id(line)
        for line, below in pairwise(lines)
        if line.body and below.reason in ("byline", "dateline")
    }


def _drop_leading_menu(body: list[_Line]) -> None:
    """With no headline found, a run of menu items opening the page is still a menu."""
    run = list(takewhile(lambda line: _is_menu_item(line.text), body))
    if len(run) >= _MENU_MIN_ITEMS:
        for line in run:
            line.reason = "navigation"


def _is_menu_item(text: str) -> bool:
    """`World`, `Life & Style`: one to four capitalised words, no sentence, no function word."""
    words = _letter_words(text)
    if not 1 <= len(words) <= _MENU_ITEM_MAX_WORDS or _SENTENCE_END.search(text):
        return False
    return all(word[0].isupper() or word == "and" for word in words)


def _leads_story(body: list[_Line], index: int, blocks: bool) -> bool:
    """A headline stands alone (its own block), the next line is no menu word, prose follows."""
    if index + 1 >= len(body) or not _is_headline(body[index].text):
        return False
    following = body[index + 1 : index + 1 + _STORY_REACH]
    if blocks and body[index].block == following[0].block:
        return False
    if _is_clutter(following[0].text):
        return False
    return any(_is_prose(line.text) for line in following)


def _is_clutter(text: str) -> bool:
    """`World`, `U.S. News`: a line of a few words that ends no sentence."""
    return len(_letter_words(text)) <= _CLUTTER_MAX_WORDS and not _SENTENCE_END.search(text)


def _drop_tail_clutter(lines: list[_Line]) -> None:
    """After the story's last sentence, drop tag words and the author's bio."""
    body = [line for line in lines if line.body]
    last = max((i for i, line in enumerate(body) if _SENTENCE_END.search(line.text)), default=-1)
    writers = _writers(lines)
    for line in body[max(0, last + 1 - _BIO_LINES) : last + 1]:
        if _AUTHOR_BIO.match(line.text) or line.text.startswith(writers):
            line.reason = "author-bio"
    # The story ends before a closing bio, so the author's name above it is clutter too.
    last = max(
        (i for i, line in enumerate(body) if line.body and _SENTENCE_END.search(line.text)),
        default=-1,
    )
    for line in body[last + 1 :]:
        if line.body and _is_clutter(line.text):
            line.reason = "navigation"
        elif line.body and _is_named_role(line.text):
            line.reason = "author-bio"
        elif line.body and (_is_tag_list(line.text) or "©" in line.text):
            line.reason = "site-chrome"  # tags, or the rights notice closing an imprint


def _is_tag_list(text: str) -> bool:
    """`Россия, Китай, Сергей Лавров, МИД России`: below the story, short items between
    commas and no sentence are the page's tags, whatever label they lost."""
    items = text.split(", ")
    return (
        len(items) >= _MENU_MIN_ITEMS
        and len(_letter_words(text)) <= _LINK_MAX_WORDS
        and all(0 < len(item.split()) <= _LABEL_MAX_WORDS for item in items)
        and not _SENTENCE_END.search(text)
    )


def _writers(lines: list[_Line]) -> tuple[str, ...]:
    """The names in the bylines dropped above the story: a closing paragraph opening with
    one is the writer's bio ("Pia Lee-Brago covers the Department of Foreign Affairs …")."""
    names = (
        f"{part} "
        for line in lines[:_HEAD_LINES]
        if line.reason == "byline"
        for part in _BYLINE_PARTS.split(line.text)
        if _is_person_name(part) and _no_function_word(part)
    )
    return tuple(names)


def _is_named_role(text: str) -> bool:
    """`Елена Черненко — специальный корреспондент отдела`: a name, a dash and what the
    person does, with no sentence; below the story it introduces its writer."""
    name, dash, role = text.partition(" — ")
    if not dash:
        name, dash, role = text.partition(" – ")
    words = _letter_words(role)
    return (
        bool(dash)
        and _is_person_name(name)
        and 0 < len(words) <= _LINK_MAX_WORDS
        and words[0].islower()
        and not _SENTENCE_END.search(role)
    )


_ISLAND_MAX_LINES = 2


def _drop_tail_islands(lines: list[_Line]) -> None:
    """Below the story's last paragraph of prose, one or two short lines kept between
    dropped ones that share no word with the story are what is left of a box of chrome
    ("Weekly Newsletter" between "Sign up" and "E-mail address")."""
    prose = [i for i, x in enumerate(lines) if x.body and _is_prose(x.text)]
    if not prose:
        return
    runs, i = [], prose[-1] + 1
    while i < len(lines):
        end = i
        while end < len(lines) and not _gone(lines, end):
            end += 1
        run = lines[i:end]
        if run and _gone(lines, i - 1) and end < len(lines) and len(run) <= _ISLAND_MAX_LINES:
            runs.append(run)
        i = end + 1
    if not runs:
        return  # most pages: the story's words are not needed
    stems = frozenset[str]().union(*(_Gist.from_paragraph(lines[i].text).stems for i in prose))
    for run in runs:
        if all(_is_island(x, stems) for x in run):
            for line in run:
                line.reason = "navigation"


def _is_island(line: _Line, stems: frozenset[str]) -> bool:
    return (
        line.body
        and not _is_prose(line.text)
        and stems.isdisjoint(_Gist.from_paragraph(line.text).stems)
    )


def _is_headline(text: str) -> bool:
    words = _letter_words(text)
    if not _TITLE_MIN_WORDS <= len(words) <= _TITLE_MAX_WORDS or text[0].islower():
        return False
    last = _letter_or_number_words(text)[-1]  # "... power cable by 2030" ends on its year
    if text.endswith((".", ",", ";", ":")) or last.casefold() in STOPWORDS:
        return False  # a wrapped line of the first paragraph, not a headline
    return not _OUTLET_LINE.match(text)


# --- paragraphs ----------------------------------------------------------------------


def _join_wrapped(lines: list[_Line]) -> list[_Line]:
    """Body paragraphs, with hard-wrapped lines of one block joined into one."""
    blocks = _has_blank_lines(lines)
    body: list[_Line] = []
    cut = False
    for line in lines:
        if not line.body:
            cut = cut or line.reason is not None
            continue
        if body and _continues(body[-1], line, blocks):
            body[-1] = _Line(f"{body[-1].text} {line.text}", line.block)
        else:
            body.append(
                _Line(
                    line.text,
                    line.block,
                    verdict=line.verdict,
                    likeliest=line.likeliest,
                    tail_verdict=line.tail_verdict,
                    after_cut=cut,
                )
            )
        cut = False
    return body


def _continues(previous: _Line, line: _Line, blocks: bool) -> bool:
    """Whether `line` goes on with `previous`'s sentence.

    With blank lines between paragraphs, a block's lines form one paragraph; without
    them, every line is a paragraph unless it plainly breaks a sentence in two.
    """
    if previous.block != line.block or _SENTENCE_END.search(previous.text):
        return False
    if previous.verdict in _MODEL_DROPS or line.verdict in _MODEL_DROPS:
        return False  # chrome stays a paragraph of its own, to be dropped whole
    return blocks or line.text[0].islower() or previous.text[-1] in ",-–"


def _strip_sign_off(body: list[_Line]) -> tuple[int | None, str | None]:
    """Find the story's closing `— VNS`; return its paragraph index and the outlet."""
    for index in range(len(body) - 1, -1, -1):
        match = _SIGN_OFF.search(body[index].text)
        if match:
            body[index].text = body[index].text[: match.start()].rstrip()
            return index, match["outlet"]
    return None, None


@dataclass(frozen=True, slots=True)
class _Gist:
    """What ties a paragraph to a story: the names it uses and its content-word stems."""

    names: Counter[str]
    stems: frozenset[str]
    words: int
    anaphoric: bool

    @classmethod
    def from_paragraph(cls, text: str) -> _Gist:
        words = _letter_words(text)
        folded = [word.casefold() for word in words]
        stems = frozenset(stem(w) for w in folded if len(w) >= 4 and w not in GENERIC_WORDS)
        names = [
            w for w, f in zip(words, folded, strict=True) if w[0].isupper() and f not in ROLE_WORDS
        ]
        anaphoric = bool(folded) and folded[0] in ANAPHORIC_OPENERS
        return cls(Counter(_fold_names(names)), stems, len(words), anaphoric)


def _fold_names(names: list[str]) -> list[str]:
    joined = " ".join(names)
    return (joined.casefold() if joined.isascii() else fold_text(joined)).split()


_DISTINCT_NAME = 4


@dataclass(frozen=True, slots=True)
class _Story:
    """The names the story keeps coming back to, and every content word it uses."""

    names: frozenset[str]
    stems: frozenset[str]
    named: frozenset[str]

    @classmethod
    def from_gists(cls, gists: list[_Gist]) -> _Story:
        counts = sum((gist.names for gist in gists), Counter[str]())
        recurring = frozenset(name for name, count in counts.items() if count >= 2)
        stems = frozenset().union(*(gist.stems for gist in gists))
        # A distinctive name the story used even once ("Wong" of "Penny Wong") ties a
        # paragraph to it: the story's own last paragraph is never a promo.
        named = frozenset(name for name in counts if len(name) >= _DISTINCT_NAME)
        return cls(recurring, stems, named)

    def unrelated(self, gist: _Gist) -> bool:
        if gist.anaphoric or gist.words > _PROMO_MAX_WORDS or not self.names.isdisjoint(gist.names):
            return False
        if not self.named.isdisjoint(name for name in gist.names if len(name) >= _DISTINCT_NAME):
            return False
        shared = gist.stems & self.stems
        return len(shared) < _PROMO_MAX_OVERLAP * max(1, len(gist.stems))


def _drop_promo(body: list[_Line], signed_at: int | None, title: str | None) -> None:
    """Drop trailing blurbs that share no recurring name and few words with the story.

    Stories also end on background that shares little with them, so unless the story
    signed off before it, a tail needs three paragraphs and one must read as a link.
    """
    start = _unrelated_tail(body, signed_at, title)
    if start is None:
        return
    tail = body[start:]
    if _prose_words(tail) > _prose_words(body[:start]):
        return  # the story itself, read against a menu the rules kept above it
    if signed_at is not None or not all(_SENTENCE_END.search(line.text) for line in tail):
        for line in tail:
            line.reason = "promo"


# A closing note of the outlet, not the story: it speaks to the reader or as the newsroom
# ("Get breaking news alerts directly to your phone", "Our newsroom relies on readers"), in
# the languages of the pages we read, or urges the reader on ("Subscribe to ...").
_NOTE_VOICE = re.compile(
    r"\b(?:[Yy]ou|[Yy]our|[Vv]ous|[Vv]otre|[Vv]os|Anda)\b"
    # "we" and "our" alone are too common in paraphrase ("our country" in state media);
    # the newsroom's own voice names what it does
    r"|\b(?:[Oo]ur|[Ww]e)\b.*\b(?:newsroom|journalism|journalists|readers|subscribers"
    r"|members|membership|newsletters?|reporting)\b"
)
_NOTE_URGING = re.compile(
    r"^(?:Subscribe|Sign up|Download|Get|Join|Follow|Don['’]t miss|Never miss"
    r"|Stay (?:informed|up to date|updated|tuned))\b"
)
_NOTES_MAX = 4


def _drop_closing_notes(body: list[_Line], title: str | None, masthead: str) -> None:
    """Drop the outlet's notes closing the page, from the last paragraph up: one that
    speaks to the reader or as the newsroom, urges the reader to subscribe or download, or
    opens with the masthead's name to describe the outlet ("BERNAMA provides ...") and
    shares no word with the headline; and a short label above such a note ("Note from the
    author:"). Quoted speech is the story's, so a note quotes no one."""
    kept = [line for line in body if line.reason is None]
    outlet = _masthead_word(masthead)
    headline = _Gist.from_paragraph(title).stems if title else frozenset[str]()
    dropped = 0
    for index in range(len(kept) - 1, _PROMO_MIN_CORE - 1, -1):
        line = kept[index]
        if line.verdict in _MODEL_DROPS:
            continue  # chrome the classifier drops last ("Related topics") hides no note
        if (
            dropped
            and len(_letter_words(line.text)) <= _LABEL_MAX_WORDS + 1
            and line.text.endswith(":")
        ):
            line.reason = "promo"
            continue
        if dropped == _NOTES_MAX or not _is_closing_note(line.text, outlet, headline):
            return
        line.reason, dropped = "promo", dropped + 1


def _masthead_word(masthead: str) -> str | None:
    """The first word of the page's first line when that line is a short name."""
    words = _letter_words(masthead)
    if not 1 <= len(words) <= _MENU_ITEM_MAX_WORDS or not words[0][0].isupper():
        return None
    word = words[0].casefold()
    return word if len(word) >= 3 and word not in STOPWORDS else None


def _is_closing_note(text: str, outlet: str | None, headline: frozenset[str]) -> bool:
    if _QUOTE_MARKS.search(text):
        return False
    if _NOTE_VOICE.search(text) or _NOTE_URGING.match(text):
        return True
    words = _letter_words(text)
    return (
        outlet is not None
        and bool(words)
        and words[0].casefold() == outlet
        and headline.isdisjoint(_Gist.from_paragraph(text).stems)
    )


def _prose_words(lines: list[_Line]) -> int:
    return sum(len(x.text.split()) for x in lines if x.reason is None and _is_prose(x.text))


def _drop_source_stamps(body: list[_Line], title: str | None) -> None:
    """Drop closing paragraphs that stamp where and when the page was copied from ("have 317
    words, post on example.vn at September 29, 2021", "Originally published at example.com on
    3 May 2024"): a web address and a date in a paragraph that names nothing of the story."""
    kept = [line for line in body if line.reason is None]
    if len(kept) <= _PROMO_MIN_CORE:
        return
    for line in kept[-_STAMP_REACH:]:
        if not (WEB_ADDRESS.search(line.text) and _YEAR_IN_TEXT.search(line.text)):
            continue
        before = [x for x in kept if x is not line]
        headline = [_Gist.from_paragraph(title)] if title else []
        story = _Story.from_gists(headline + [_Gist.from_paragraph(x.text) for x in before])
        if story.unrelated(_Gist.from_paragraph(line.text)):
            line.reason = "source-stamp"


def _unrelated_tail(body: list[_Line], signed_at: int | None, title: str | None) -> int | None:
    """Where the longest tail of paragraphs unrelated to the story before it starts."""
    after_sign_off = 0 if signed_at is None else signed_at + 1
    floor = max(_PROMO_MIN_CORE, len(body) - _PROMO_MAX_RUN, after_sign_off)
    last = len(body) - (1 if signed_at is not None else _PROMO_MIN_RUN)
    if floor > last:
        return None
    headline = [_Gist.from_paragraph(title)] if title else []
    gists = [_Gist.from_paragraph(line.text) for line in body]
    # Every tail ends with the last paragraph, and a longer story only ties more to it.
    if not _Story.from_gists(headline + gists[:floor]).unrelated(gists[-1]):
        return None
    for start in range(floor, last + 1):
        story = _Story.from_gists(headline + gists[:start])
        if all(story.unrelated(gist) for gist in gists[start:]):
            return start
    return None
