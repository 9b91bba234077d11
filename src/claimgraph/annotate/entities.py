"""Named entities: spaCy's NER, corrected, turned into typed ``EntityMention``s with canonical names.

Corrections to the small English model's entities:
  * patterns from ``data/en/entities.yaml`` add what it misses (ship and aircraft classes, model
    designators such as "Su-34", military units, agencies); a match replaces overlapping
    entities when it is at least as long;
  * a span the gazetteer knows as a place, beside a feature word ("X region", "X military
    base") or after a locative preposition ("in X"), becomes a place (GPE, or FAC before a
    facility word) whatever spaCy called it (cities as PRODUCT, villages as PERSON); so do
    names listed with a place or with each other, or placed "in" a country or region, that are
    towns near it or in it ("Kupiansk and Lyman in eastern Ukraine");
  * a proper noun outside every entity that is the name of a country, region or big town
    ("shelling hit Kharkiv") becomes a GPE, and so does a dateline's place ("TORRINGTON — ");
  * spans end at line breaks, and a headline's Title Case run is no WORK_OF_ART;
  * each mention gets a canonical name unified over the document (``annotate.canonical``).
The corrected entities are written back to ``doc.ents`` so later components see them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimgraph import data
from claimgraph.annotate.canonical import canonical_names
from claimgraph.annotate.extensions import doc_id, set_mentions
from claimgraph.annotate.places.gazetteer import (
    ALTERNATE,
    PRIMARY,
    VARIANT,
    Candidate,
    Gazetteer,
    haversine_km,
    load_gazetteer,
)
from claimgraph.annotate.places.resolve import demonym_country
from claimgraph.annotate.places.spans import feature_phrases
from claimgraph.errors import ConfigError
from claimgraph.model import EntityMention

# Numbers and times have components of their own; these labels would only duplicate them.
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_JOINERS = frozenset({"and", "or", ","})
_MAX_JOINED_TOKENS = 3
_NEAR_PLACE_KM = 100.0  # a name joined to a place: a town of the name this near one of the place
_PARTICLE_TOWN_MIN = 10_000  # "Santiago de Compostela": a town's name of that shape, this big
_NEAR_PAIR_KM = 50.0  # two names joined to each other, neither tagged a place
_MIN_LISTED_TOWNS = 3  # a list this long, none tagged a place, all towns of one region
_HEADLINE_MAX_CHARS = 300  # a longer line is running text, not a headline
_WORD = re.compile(r"[^\W\d_][\w'’-]*")  # a word starting with a letter
_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,3}\.")  # "St.", "Ste.", "Mt.", "Ft." inside a name


def _build_matcher(nlp: Language) -> Matcher:
    matcher = Matcher(nlp.vocab)
    for number, entry in enumerate(data.load("entities")["patterns"]):
        try:
            matcher.add(f"{entry['label']}#{number}", [entry["pattern"]])
        except (KeyError, ValueError, TypeError) as exc:
            raise ConfigError(f"entities.yaml pattern {number} is invalid: {exc}") from exc
    return matcher


class EntityRecognizer:
    """Corrects ``doc.ents`` and copies them into ``doc._.mentions`` as ``EntityMention``s."""

    def __init__(
        self, nlp: Language, name: str, *, skip_labels: list[str], relabel_places: bool, min_population: int
    ) -> None:
        self.name = name
        self.min_population = min_population
        self.skip_labels = frozenset(skip_labels)
        self.matcher = _build_matcher(nlp)
        lexicon = data.load("entities")
        self.relabel_from = frozenset(lexicon["relabel_as_place_from"])
        self.language_names = frozenset(lexicon["language_names"])
        self.not_locative_before = frozenset(lexicon["not_locative_before"])
        self.town_role_words = frozenset(lexicon["town_role_words"])
        self.locative = frozenset(data.load("places")["locative_prepositions"])
        self.name_particles = frozenset(data.load("places")["name_particles"])
        # "in eastern Ukraine", "in the south of": words between "in" and the area a town lies in
        self.area_part_words = frozenset(["the", *data.load("places")["part_prefixes"]])
        self.headline_unreliable = frozenset(lexicon["headline_unreliable_labels"])
        self.headline_minor_words = frozenset(lexicon["headline_minor_words"])
        self.gazetteer: Gazetteer | None = load_gazetteer() if relabel_places else None
        # first words of countries' names of several words: "Sri Lankan" may be a people's word
        # tagged PERSON (only these are looked up: a demonym look-up per name costs time)
        self._country_first_words = frozenset(
            self.gazetteer.names[idx].lower().split()[0]
            for idx in (self.gazetteer.country_index.values() if self.gazetteer else ())
            if " " in self.gazetteer.names[idx]
        )

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = self._corrected(doc)
        did = doc_id(doc)
        ents = [ent for ent in doc.ents if ent.label_ not in self.skip_labels]
        canonical = canonical_names([(ent.text, ent.label_) for ent in ents])
        mentions = [
            EntityMention(
                doc=did,
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                label=ent.label_,
                canonical=name,
            )
            for ent, name in zip(ents, canonical, strict=True)
        ]
        set_mentions(doc, EntityMention.kind, mentions)
        return doc

    def _corrected(self, doc: Doc) -> list[Span]:
        matched = [
            Span(doc, start, end, label=self.matcher.vocab.strings[match_id].split("#")[0])
            for match_id, start, end in self.matcher(doc)
        ]
        # pattern spans first: on equal length filter_spans keeps the earlier one in its order
        spans = self._abbreviation_joined(doc, filter_spans([*matched, *doc.ents]))
        persons = frozenset(t.text for span in spans if _is_full_name(span) for t in span)
        spans = [self._place_label(span, persons) or span for span in spans]
        full_name_words = Counter(t.text for span in spans if _is_full_name(span) for t in span)
        spans = self._coordinated_places(spans, full_name_words)
        spans = self._towns_in_area(spans, full_name_words)
        spans = self._listed_towns(spans, full_name_words)
        spans = [*spans, *self._missed_places(doc, spans)]
        datelines = self._dateline_places(doc)
        spans = [s for s in spans if not any(s.start < d.end and d.start < s.end for d in datelines)]
        spans = [part for span in [*spans, *datelines] for part in _line_parts(span)]
        text = doc.text  # spaCy rebuilds it on every access
        spans = [
            s for s in spans if not (s.label_ in self.headline_unreliable and self._in_headline(s, text))
        ]
        return sorted(spans, key=lambda span: span.start)

    def _in_headline(self, span: Span, text: str) -> bool:
        """Whether ``span`` lies unquoted in a line of four or more words written in Title Case;
        ``text`` is the document's."""
        low = max(0, span.start_char - _HEADLINE_MAX_CHARS)
        high = min(len(text), span.end_char + _HEADLINE_MAX_CHARS)
        start = text.rfind("\n", low, span.start_char)
        end = text.find("\n", span.end_char, high)
        if (start < 0 and low > 0) or (end < 0 and high < len(text)):
            return False  # a line this long is running text, not a headline
        line = text[start + 1 : end if end >= 0 else high]
        words = [w for w in _WORD.findall(line) if w.lower() not in self.headline_minor_words]
        quoted = text[span.start_char - 1 : span.start_char] in {'"', "“", "'", "‘"}
        return len(words) >= 4 and not quoted and sum(w[0].isupper() for w in words) >= 0.8 * len(words)

    def _abbreviation_joined(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A place the model ends at an abbreviation inside its name ("Fort St." of "Fort St.
        John", "John" tagged PERSON) joined with the capitalised word after it, when the
        gazetteer lists the whole name; the next entity loses that word."""
        if self.gazetteer is None:
            return spans
        out: list[Span] = []
        taken = -1  # a token joined to the place before it
        for span in spans:
            if span.start == taken:
                if len(span) > 1:
                    out.append(Span(doc, span.start + 1, span.end, label=span.label_))
                continue
            end = span.end
            if (
                span.label_ in _PLACE_LABELS
                and end < len(doc)
                and _ABBREVIATION.fullmatch(span[-1].text)
                and doc[end].is_title
                and any(m != VARIANT for _, m in self.gazetteer.lookup(doc[span.start : end + 1].text))
            ):
                span, taken = Span(doc, span.start, end + 1, label=span.label_), end
            out.append(span)
        return out

    def _dateline_places(self, doc: Doc) -> list[Span]:
        """Datelines' places the gazetteer knows ("BEIRUT —", "HOLLIDAY, Mo. (AP) -")."""
        if self.gazetteer is None:
            return []
        found = []
        for match in _dateline_pattern().finditer(doc.text):
            span = doc.char_span(match.start("place"), match.end("place"))
            if span is not None and any(m == PRIMARY for _, m in self.gazetteer.lookup(span.text)):
                found.append(Span(doc, span.start, span.end, label="GPE"))
        return found

    def _missed_places(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Proper-noun runs outside every entity that name a prominent place ("shelling hit Kharkiv")."""
        if self.gazetteer is None:
            return []
        taken = {i for span in spans for i in range(span.start, span.end)}
        found, run = [], []
        for token in [*doc, None]:
            if (
                token is not None
                and token.i not in taken
                and token.pos_ == "PROPN"
                and token.text[:1].isupper()
            ):
                run.append(token)
                continue
            if run and self._is_prominent_place(doc[run[0].i : run[-1].i + 1].text):
                found.append(Span(doc, run[0].i, run[-1].i + 1, label="GPE"))
            elif run and (end := self._region_prefix_end(doc, run) or self._town_before_role(doc, run)):
                found.append(Span(doc, run[0].i, end, label="GPE"))
            run = []
        return found

    def _town_before_role(self, doc: Doc, run: list) -> int | None:
        """End of a listed town's name right before a word for its office-holders or people
        ("Beaconsfield Mayor Georges Bourelle", "Tabriz residents")."""
        for k, token in enumerate([*run, doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None]):
            if k and token is not None and token.lower_ in self.town_role_words:
                name = doc[run[0].i : run[0].i + k].text
                if any(m == PRIMARY and c.level == "city" for c, m in self.gazetteer.lookup(name)):
                    return run[0].i + k
                return None
        return None

    def _region_prefix_end(self, doc: Doc, run: list) -> int | None:
        """End of a known region name ending in its feature word that starts the run
        ("Henry County" in "Henry County Sheriff"), longest first."""
        for last in reversed(run[1:]):
            if self._names_region(doc[run[0].i : last.i + 1]):
                return last.i + 1
        return None

    def _names_region(self, span: Span) -> bool:
        """Whether ``span`` is a region's name ending in its type word: a listed name ("Henry
        County"), or a first-level region's listed with the word or without it ("Kherson Oblast"
        as Khersonska, "Kamchatka Krai" as Kamchatka)."""
        if len(span) < 2 or feature_phrases().get((span[-1].lower_,)) != "admin1":
            return False
        whole = self.gazetteer.lookup(span.text)
        return any(match == PRIMARY for _, match in whole) or any(
            match != VARIANT and c.level == "admin1"
            for c, match in [*whole, *self.gazetteer.lookup(span[:-1].text)]
        )

    def _is_prominent_place(self, text: str, *, alternate: bool = False) -> bool:
        return any(
            (match == PRIMARY or (alternate and match != VARIANT))
            and (c.level in ("country", "admin1", "continent") or c.population >= self.min_population)
            for c, match in self.gazetteer.lookup(text)
        )

    def _place_label(self, span: Span, persons: frozenset[str]) -> Span | None:
        """The span relabelled as a place, when the gazetteer and its context say it is one;
        a people's word tagged otherwise ("Sri Lankan" as a PERSON) becomes NORP."""
        if self.gazetteer is None or span.label_ not in self.relabel_from:
            return None
        if span.label_ == "LANGUAGE" and (
            span.text.lower() in self.language_names or demonym_country(self.gazetteer, span.text)
        ):
            return None
        doc = span.doc
        if span[-1].text in _POSSESSIVE and len(span) > 1:  # "Sri Lanka's" tagged PERSON
            span = doc[span.start : span.end - 1]
        if span.label_ != "NORP" and self._names_region(span):  # "Rostov Oblast" tagged PERSON
            return Span(doc, span.start, span.end, label="GPE")
        if (
            span.label_ != "NORP"
            and len(span) > 1
            and span[0].lower_ in self._country_first_words
            and all(t.is_title for t in span)
            and demonym_country(self.gazetteer, span.text)
        ):
            return Span(doc, span.start, span.end, label="NORP")
        feature = None
        for n in (2, 1):
            words = tuple(t.lower_ for t in doc[span.end : span.end + n])
            if len(words) == n and words in feature_phrases():
                feature = feature_phrases()[words]
                break
        if feature is None and not self._after_locative(span) and not self._lone_place_name(span, persons):
            return None
        allowed = {PRIMARY, ALTERNATE} if _alternate_names_count(span) else {PRIMARY}
        if not any(match in allowed for _, match in self.gazetteer.lookup(span.text)):
            return None
        label = "FAC" if feature in ("facility", "airport") else "GPE"
        return Span(doc, span.start, span.end, label=label)

    def _coordinated_places(self, spans: list[Span], persons: Counter[str]) -> list[Span]:
        """Names coordinated with a place ("Gainesville and Duluth", "Bicester and Kidlington")
        that are towns near it become places: a list of names keeps to one kind, and two towns
        of the names lying close together is no chance. A name joined to a place must have a
        town within ``_NEAR_PLACE_KM`` of one of the place's entries; two names joined to each
        other (both tagged persons, say) within ``_NEAR_PAIR_KM`` of each other."""
        out = list(spans)
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if b.start - a.end != 1 or b.doc[a.end].lower_ not in _JOINERS:
                continue
            places = [s.label_ in _PLACE_LABELS for s in (a, b)]
            if all(places) or not all(
                self._may_be_town(s, persons) or p for s, p in zip((a, b), places, strict=True)
            ):
                continue
            km = _NEAR_PLACE_KM if any(places) else _NEAR_PAIR_KM
            if self._towns_near(a.text, b.text, km):
                out[i], out[i + 1] = (
                    s if p else Span(s.doc, s.start, s.end, label="GPE")
                    for s, p in zip((a, b), places, strict=True)
                )
        return out

    def _towns_in_area(self, spans: list[Span], persons: Counter[str]) -> list[Span]:
        """Names placed "in" a country or region that hold towns of those names become places:
        "shelled Kupiansk and Lyman in eastern Ukraine" (tagged ORG and PERSON), "Kidlington in
        Oxfordshire". Only the name (or the list of names) right before the "in"."""
        out = list(spans)
        for k, area in enumerate(out):
            if k == 0 or area.label_ not in _PLACE_LABELS:
                continue
            names = self._listed_before(out, k)
            if not names or not all(self._may_be_town(out[i], persons) for i in names):
                continue
            areas = self._areas(area.text)
            if not areas:
                continue
            if all(
                any(
                    (c.country_code, None) in areas or (c.country_code, c.admin1) in areas
                    for c in self._towns(out[i].text)
                )
                for i in names
            ):
                for i in names:
                    out[i] = Span(out[i].doc, out[i].start, out[i].end, label="GPE")
        return out

    def _listed_towns(self, spans: list[Span], persons: Counter[str]) -> list[Span]:
        """A list of ``_MIN_LISTED_TOWNS`` or more names, none tagged a place, that all have towns
        in one first-level region are those towns: "Strikes hit Bakhmut, Avdiivka and Vuhledar"
        (tagged ORG, PERSON and PRODUCT; all three in Donetsk oblast). People's surnames seldom
        all name towns of one region."""
        out = list(spans)
        k = 0
        while k < len(out):
            run = [k]
            while run[-1] + 1 < len(out) and self._joined(out[run[-1]], out[run[-1] + 1]):
                run.append(run[-1] + 1)
            k = run[-1] + 1
            if len(run) < _MIN_LISTED_TOWNS or not all(
                out[i].label_ not in _PLACE_LABELS and self._may_be_town(out[i], persons) for i in run
            ):
                continue
            regions = [
                {(c.country_code, c.admin1) for c in self._towns(out[i].text) if c.admin1} for i in run
            ]
            if set.intersection(*regions):
                for i in run:
                    out[i] = Span(out[i].doc, out[i].start, out[i].end, label="GPE")
        return out

    def _towns(self, name: str) -> list[Candidate]:
        """The towns ``name`` names as their own or alternate name (not a loose spelling variant)."""
        return [c for c, match in self.gazetteer.lookup(name) if match != VARIANT and c.level == "city"]

    @staticmethod
    def _joined(a: Span, b: Span) -> bool:
        """Whether only "and", "or" or commas lie between the two spans."""
        gap = [t.lower_ for t in a.doc[a.end : b.start]]
        return bool(gap) and all(w in _JOINERS for w in gap)

    def _listed_before(self, spans: list[Span], k: int) -> list[int]:
        """Indexes of the span (or list of spans joined by "and", "or", commas) that ends right
        before "in [the] [eastern ...]" and the place ``spans[k]``."""
        doc, area = spans[k].doc, spans[k]
        last = spans[k - 1]
        words = [t.lower_ for t in doc[last.end : area.start]]
        if not words or words[0] != "in" or not all(w in self.area_part_words for w in words[1:]):
            return []
        names = [k - 1]
        while names[0] > 0 and self._joined(spans[names[0] - 1], spans[names[0]]):
            names.insert(0, names[0] - 1)
        return names

    def _areas(self, name: str) -> set[tuple[str, str | None]]:
        """The countries (ISO, None) and first-level regions (ISO, admin1 code) ``name`` names."""
        return {
            (c.country_code, c.admin1 if c.level == "admin1" else None)
            for c, match in self.gazetteer.lookup(name)
            if match != VARIANT and (c.level == "country" or (c.level == "admin1" and c.admin1))
        }

    def _may_be_town(self, span: Span, persons: Counter[str]) -> bool:
        # words of *other* persons' names only: "Rafah and Khan Younis" tagged PERSON is not
        # kept a person by its own words
        own = Counter(t.text for t in span) if _is_full_name(span) else Counter()
        return (
            span.label_ in self.relabel_from
            and span.label_ != "NORP"
            and len(span) <= _MAX_JOINED_TOKENS
            and all(t.is_title and persons[t.text] <= own[t.text] for t in span)
        )

    def _towns_near(self, first: str, second: str, km: float) -> bool:
        """Whether entries the two names name (own or alternate names) lie within ``km`` of each other."""
        gaz = self.gazetteer
        # own or alternate names ("Khan Younis" for Khān Yūnis), not loose spelling variants
        a = [c for c, m in gaz.lookup(first) if m != VARIANT and c.level not in ("continent", "country")]
        b = [c for c, m in gaz.lookup(second) if m != VARIANT and c.level not in ("continent", "country")]
        return any(haversine_km(x.lat, x.lon, y.lat, y.lon) <= km for x in a for y in b)

    def _lone_place_name(self, span: Span, persons: frozenset[str]) -> bool:
        """A prominent place's name: one word that is no person's name in the document ("reached
        Mykolaiv"), or several that are the place's own name ("Sri Lanka", "Sioux Falls").

        Args:
            span: the entity.
            persons: the words of the document's multi-word person names.
        """
        if len(span) > 1:
            return span.label_ != "NORP" and (
                self._is_prominent_place(span.text) or self._particle_town(span)
            )
        if span.label_ == "NORP" and demonym_country(self.gazetteer, span.text):
            return False  # a nationality: the places component makes it a mention of its country
        return span.text not in persons and self._is_prominent_place(
            span.text, alternate=_alternate_names_count(span)
        )

    def _particle_town(self, span: Span) -> bool:
        """A town's own name joined by a particle ("Santiago de Compostela" tagged ORG): names of
        that shape are places' ("Banco de Chile" is no entry), down to ``_PARTICLE_TOWN_MIN``."""
        inner = {t.lower_ for t in span[1:-1]}
        return bool(inner & self.name_particles) and any(
            match == PRIMARY and c.level == "city" and c.population >= _PARTICLE_TOWN_MIN
            for c, match in self.gazetteer.lookup(span.text)
        )

    def _after_locative(self, span: Span) -> bool:
        # one-word names only: "in Paris Hilton's view" must not turn a person into a city
        if span.start == 0 or len(span) > 1:
            return False
        prep = span.doc[span.start - 1]
        before = span.doc[span.start - 2].lower_ if span.start > 1 else ""
        return prep.lower_ in self.locative and before not in self.not_locative_before


def _alternate_names_count(span: Span) -> bool:
    """Whether a place's alternate names may make ``span`` that place. Not an organisation's
    name, unless written as a place's abbreviation ("Phila."): "works at Google" is not Topeka,
    Kansas, though Google is among its alternate names (2010)."""
    return span.label_ != "ORG" or _abbreviated(span)


def _abbreviated(span: Span) -> bool:
    """Whether the span is written as an abbreviation: "Phila. officer charged" (the tokenizer
    may leave the full stop out of the span). A full stop that ends the sentence ("shares of
    Google.") is none: after an abbreviation the sentence goes on in lowercase or punctuation."""
    doc, end = span.doc, span.end
    if span.text.endswith("."):
        end -= 1
    elif not (end < len(doc) and doc[end].text == "." and not span[-1].whitespace_):
        return False
    after = doc[end + 1] if end + 1 < len(doc) else None
    return after is not None and (after.is_lower or after.is_punct)


def _line_parts(span: Span) -> list[Span]:
    """The span without the spaces a tagger may start or end it with ("Ravenna\n\n"), cut where
    it runs over a line break: no name runs from a headline into the text."""
    doc, parts, start = span.doc, [], span.start
    for i in range(span.start, span.end + 1):
        if i < span.end and not (doc[i].is_space and "\n" in doc[i].text):
            continue
        first, last = start, i
        while first < last and doc[first].is_space:
            first += 1
        while last > first and doc[last - 1].is_space:
            last -= 1
        if last > first:
            parts.append(Span(doc, first, last, label=span.label_))
        start = i + 1
    if len(parts) == 1 and (parts[0].start, parts[0].end) == (span.start, span.end):
        return [span]
    return parts


def _is_full_name(span: Span) -> bool:
    return span.label_ == "PERSON" and len(span) > 1


@functools.cache
def _dateline_pattern() -> re.Pattern[str]:
    return re.compile(data.load("places")["dateline_place"])


@Language.factory(
    "claimgraph_entities_v1",
    assigns=["doc.ents", "doc._.mentions"],
    requires=["doc.ents"],
    # min_population: a proper noun NER missed becomes a place when it is the name of a town this big
    default_config={
        "skip_labels": sorted(_NUMERIC_LABELS),
        "relabel_places": True,
        "min_population": 100_000,
    },
)
def make_entity_recognizer(
    nlp: Language, name: str, skip_labels: list[str], relabel_places: bool, min_population: int
) -> EntityRecognizer:
    return EntityRecognizer(
        nlp, name, skip_labels=skip_labels, relabel_places=relabel_places, min_population=min_population
    )
