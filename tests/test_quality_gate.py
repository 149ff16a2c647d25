"""The quality gate: one hundred and sixty sets through the real chain, each held to its floors in eval/thresholds.json.

- the article's golden set (corpus/);
- the second golden set on a hard-wrapped Markdown document, in a corpus of two documents (it and the article);
- the five development golden sets (two Markdown documents, two plain-text reports, an HTML page) in a corpus of six
  documents (them and the article), two more (a plain-text museum guide, a Markdown heat pump manual) in a corpus
  of three, and one more (a Markdown FAQ) in a corpus of two;
- one hundred and forty development sets written blind (hard-wrapped Markdown guides, handbooks, reports, manuals, histories, an admin
  guide, a smallholding's notes, a research report, a tool's guide with its changelog and a technical note, an upgrade
  guide, plain-text handbooks, booklets, histories, a FAQ, annual reports, a passenger guide, a council's recycling
  guide, a weather station's manual, a dental leaflet, an archive's guide and cemetery regulations, a consultation, a
  prospectus, HTML guides, manuals and reports, Word handbooks and annual reports, PDF reports and handbooks printed by
  Chromium: eval/corpora/dev4 to dev155), each in a
  corpus with the article;
- dev-traps: on-topic traps and paraphrases on all eight development documents, searched together with the article;
- a PubMedQA sample: the first items of the "check" half (never used to fit the reader), asked of all 500 abstracts;
- three check sets written blind on documents of other kinds (a PDF printed by Chromium, a Word file, an HTML page),
  each with the article, and one on four real public documents (a licence, a Markdown API reference, an mdBook HTML
  page, a PDF of another), with the article; like the second set, never used to fit or choose anything.

The build fails when a metric crosses its threshold; citation validity must stay at 100%. The thresholds sit a
little under the numbers measured when they were written (`measured` in the same file).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence

import numpy as np
import pytest

from assistant.embeddings import Embedder
from assistant.evaluation.runner import corpus_assistant, evaluate, load_dataset

from .conftest import PROJECT, settings_for

pytestmark = pytest.mark.slow

THRESHOLDS = PROJECT / "eval" / "thresholds.json"
SETS = {
    "article": ("article.jsonl", ["corpus"], None, None),
    "second": ("second.jsonl", ["eval/corpora/second", "corpus"], None, None),
    "dev-bicycle": ("dev-bicycle.jsonl", ["eval/corpora/dev", "corpus"], None, None),
    "dev-canal": ("dev-canal.jsonl", ["eval/corpora/dev", "corpus"], None, None),
    "dev-allotment": ("dev-allotment.jsonl", ["eval/corpora/dev", "corpus"], None, None),
    "dev-outage": ("dev-outage.jsonl", ["eval/corpora/dev", "corpus"], None, None),
    "dev-railway": ("dev-railway.jsonl", ["eval/corpora/dev", "corpus"], None, None),
    "dev-museum": ("dev-museum.jsonl", ["eval/corpora/dev2", "corpus"], None, None),
    "dev-heatpump": ("dev-heatpump.jsonl", ["eval/corpora/dev2", "corpus"], None, None),
    "dev-solar": ("dev-solar.jsonl", ["eval/corpora/dev3", "corpus"], None, None),
    "dev-library": ("dev-library.jsonl", ["eval/corpora/dev4", "corpus"], None, None),
    "dev-orchestra": ("dev-orchestra.jsonl", ["eval/corpora/dev5", "corpus"], None, None),
    "dev-huts": ("dev-huts.jsonl", ["eval/corpora/dev6", "corpus"], None, None),
    "dev-windmills": ("dev-windmills.jsonl", ["eval/corpora/dev7", "corpus"], None, None),
    "dev-clocks": ("dev-clocks.jsonl", ["eval/corpora/dev8", "corpus"], None, None),
    "dev-bridges": ("dev-bridges.jsonl", ["eval/corpora/dev9", "corpus"], None, None),
    "dev-tea": ("dev-tea.jsonl", ["eval/corpora/dev10", "corpus"], None, None),
    "dev-printing": ("dev-printing.jsonl", ["eval/corpora/dev11", "corpus"], None, None),
    "dev-beekeeping": ("dev-beekeeping.jsonl", ["eval/corpora/dev12", "corpus"], None, None),
    "dev-telegraph": ("dev-telegraph.jsonl", ["eval/corpora/dev13", "corpus"], None, None),
    "dev-waterworks": ("dev-waterworks.jsonl", ["eval/corpora/dev14", "corpus"], None, None),
    "dev-pottery": ("dev-pottery.jsonl", ["eval/corpora/dev15", "corpus"], None, None),
    "dev-pool": ("dev-pool.jsonl", ["eval/corpora/dev16", "corpus"], None, None),
    "dev-observatory": ("dev-observatory.jsonl", ["eval/corpora/dev17", "corpus"], None, None),
    "dev-glassworks": ("dev-glassworks.jsonl", ["eval/corpora/dev18", "corpus"], None, None),
    "dev-cider": ("dev-cider.jsonl", ["eval/corpora/dev19", "corpus"], None, None),
    "dev-radio": ("dev-radio.jsonl", ["eval/corpora/dev20", "corpus"], None, None),
    "dev-woodland": ("dev-woodland.jsonl", ["eval/corpora/dev21", "corpus"], None, None),
    "dev-ebike": ("dev-ebike.jsonl", ["eval/corpora/dev22", "corpus"], None, None),
    "dev-hall": ("dev-hall.jsonl", ["eval/corpora/dev23", "corpus"], None, None),
    "dev-dehumidifier": ("dev-dehumidifier.jsonl", ["eval/corpora/dev24", "corpus"], None, None),
    "dev-rowing": ("dev-rowing.jsonl", ["eval/corpora/dev25", "corpus"], None, None),
    "dev-photoserver": ("dev-photoserver.jsonl", ["eval/corpora/dev26", "corpus"], None, None),
    "dev-bus": ("dev-bus.jsonl", ["eval/corpora/dev27", "corpus"], None, None),
    "dev-saltworks": ("dev-saltworks.jsonl", ["eval/corpora/dev28", "corpus"], None, None),
    "dev-papermill": ("dev-papermill.jsonl", ["eval/corpora/dev29", "corpus"], None, None),
    "dev-recycling": ("dev-recycling.jsonl", ["eval/corpora/dev30", "corpus"], None, None),
    "dev-coastpath": ("dev-coastpath.jsonl", ["eval/corpora/dev31", "corpus"], None, None),
    "dev-goatdairy": ("dev-goatdairy.jsonl", ["eval/corpora/dev32", "corpus"], None, None),
    "dev-airport": ("dev-airport.jsonl", ["eval/corpora/dev33", "corpus"], None, None),
    "dev-weatherstation": ("dev-weatherstation.jsonl", ["eval/corpora/dev34", "corpus"], None, None),
    "dev-sleepstudy": ("dev-sleepstudy.jsonl", ["eval/corpora/dev35", "corpus"], None, None),
    "dev-football": ("dev-football.jsonl", ["eval/corpora/dev36", "corpus"], None, None),
    "dev-dental": ("dev-dental.jsonl", ["eval/corpora/dev37", "corpus"], None, None),
    "dev-cinema": ("dev-cinema.jsonl", ["eval/corpora/dev38", "corpus"], None, None),
    "dev-cliguide": ("dev-cliguide.jsonl", ["eval/corpora/dev39", "corpus"], None, None),
    "dev-climbing": ("dev-climbing.jsonl", ["eval/corpora/dev40", "corpus"], None, None),
    "dev-archive": ("dev-archive.jsonl", ["eval/corpora/dev41", "corpus"], None, None),
    "dev-vets": ("dev-vets.jsonl", ["eval/corpora/dev42", "corpus"], None, None),
    "dev-heatnetwork": ("dev-heatnetwork.jsonl", ["eval/corpora/dev43", "corpus"], None, None),
    "dev-lifeboat": ("dev-lifeboat.jsonl", ["eval/corpora/dev44", "corpus"], None, None),
    "dev-brewery": ("dev-brewery.jsonl", ["eval/corpora/dev45", "corpus"], None, None),
    "dev-foodbank": ("dev-foodbank.jsonl", ["eval/corpora/dev46", "corpus"], None, None),
    "dev-twentymph": ("dev-twentymph.jsonl", ["eval/corpora/dev47", "corpus"], None, None),
    "dev-orchard": ("dev-orchard.jsonl", ["eval/corpora/dev48", "corpus"], None, None),
    "dev-battery": ("dev-battery.jsonl", ["eval/corpora/dev49", "corpus"], None, None),
    "dev-festival": ("dev-festival.jsonl", ["eval/corpora/dev50", "corpus"], None, None),
    "dev-readingtrial": ("dev-readingtrial.jsonl", ["eval/corpora/dev51", "corpus"], None, None),
    "dev-carshare": ("dev-carshare.jsonl", ["eval/corpora/dev52", "corpus"], None, None),
    "dev-floodscheme": ("dev-floodscheme.jsonl", ["eval/corpora/dev53", "corpus"], None, None),
    "dev-residential": ("dev-residential.jsonl", ["eval/corpora/dev54", "corpus"], None, None),
    "dev-backuptool": ("dev-backuptool.jsonl", ["eval/corpora/dev55", "corpus"], None, None),
    "dev-choir": ("dev-choir.jsonl", ["eval/corpora/dev56", "corpus"], None, None),
    "dev-repaircafe": ("dev-repaircafe.jsonl", ["eval/corpora/dev57", "corpus"], None, None),
    "dev-hostel": ("dev-hostel.jsonl", ["eval/corpora/dev58", "corpus"], None, None),
    "dev-grinder": ("dev-grinder.jsonl", ["eval/corpora/dev59", "corpus"], None, None),
    "dev-kneetrial": ("dev-kneetrial.jsonl", ["eval/corpora/dev60", "corpus"], None, None),
    "dev-tramline": ("dev-tramline.jsonl", ["eval/corpora/dev61", "corpus"], None, None),
    "dev-thermostat": ("dev-thermostat.jsonl", ["eval/corpora/dev62", "corpus"], None, None),
    "dev-seedlibrary": ("dev-seedlibrary.jsonl", ["eval/corpora/dev63", "corpus"], None, None),
    "dev-allotments": ("dev-allotments.jsonl", ["eval/corpora/dev64", "corpus"], None, None),
    "dev-dentalpractice": ("dev-dentalpractice.jsonl", ["eval/corpora/dev65", "corpus"], None, None),
    "dev-cyclelane": ("dev-cyclelane.jsonl", ["eval/corpora/dev66", "corpus"], None, None),
    "dev-printer": ("dev-printer.jsonl", ["eval/corpora/dev67", "corpus"], None, None),
    "dev-swimpool": ("dev-swimpool.jsonl", ["eval/corpora/dev68", "corpus"], None, None),
    "dev-heritagerail": ("dev-heritagerail.jsonl", ["eval/corpora/dev69", "corpus"], None, None),
    "dev-mobilelibrary": ("dev-mobilelibrary.jsonl", ["eval/corpora/dev70", "corpus"], None, None),
    "dev-solarcoop": ("dev-solarcoop.jsonl", ["eval/corpora/dev71", "corpus"], None, None),
    "dev-theatre": ("dev-theatre.jsonl", ["eval/corpora/dev72", "corpus"], None, None),
    "dev-migration": ("dev-migration.jsonl", ["eval/corpora/dev73", "corpus"], None, None),
    "dev-ringing": ("dev-ringing.jsonl", ["eval/corpora/dev74", "corpus"], None, None),
    "dev-cemetery": ("dev-cemetery.jsonl", ["eval/corpora/dev75", "corpus"], None, None),
    "dev-broadband": ("dev-broadband.jsonl", ["eval/corpora/dev76", "corpus"], None, None),
    "dev-scoutcamp": ("dev-scoutcamp.jsonl", ["eval/corpora/dev77", "corpus"], None, None),
    "dev-makerspace": ("dev-makerspace.jsonl", ["eval/corpora/dev78", "corpus"], None, None),
    "dev-fieldtrial": ("dev-fieldtrial.jsonl", ["eval/corpora/dev79", "corpus"], None, None),
    "dev-sailingclub": ("dev-sailingclub.jsonl", ["eval/corpora/dev80", "corpus"], None, None),
    "dev-weavingguild": ("dev-weavingguild.jsonl", ["eval/corpora/dev81", "corpus"], None, None),
    "dev-harbourdredge": ("dev-harbourdredge.jsonl", ["eval/corpora/dev82", "corpus"], None, None),
    "dev-tutoring": ("dev-tutoring.jsonl", ["eval/corpora/dev83", "corpus"], None, None),
    "dev-icerink": ("dev-icerink.jsonl", ["eval/corpora/dev84", "corpus"], None, None),
    "dev-router": ("dev-router.jsonl", ["eval/corpora/dev85", "corpus"], None, None),
    "dev-chessclub": ("dev-chessclub.jsonl", ["eval/corpora/dev86", "corpus"], None, None),
    "dev-blooddonor": ("dev-blooddonor.jsonl", ["eval/corpora/dev87", "corpus"], None, None),
    "dev-gliding": ("dev-gliding.jsonl", ["eval/corpora/dev88", "corpus"], None, None),
    "dev-streettrees": ("dev-streettrees.jsonl", ["eval/corpora/dev89", "corpus"], None, None),
    "dev-conference": ("dev-conference.jsonl", ["eval/corpora/dev90", "corpus"], None, None),
    "dev-cityfarm": ("dev-cityfarm.jsonl", ["eval/corpora/dev91", "corpus"], None, None),
    "dev-market": ("dev-market.jsonl", ["eval/corpora/dev92", "corpus"], None, None),
    "dev-hearing": ("dev-hearing.jsonl", ["eval/corpora/dev93", "corpus"], None, None),
    "dev-bells": ("dev-bells.jsonl", ["eval/corpora/dev94", "corpus"], None, None),
    "dev-backpain": ("dev-backpain.jsonl", ["eval/corpora/dev95", "corpus"], None, None),
    "dev-sitegen": ("dev-sitegen.jsonl", ["eval/corpora/dev96", "corpus"], None, None),
    "dev-charityshop": ("dev-charityshop.jsonl", ["eval/corpora/dev97", "corpus"], None, None),
    "dev-windturbine": ("dev-windturbine.jsonl", ["eval/corpora/dev98", "corpus"], None, None),
    "dev-lighthouse": ("dev-lighthouse.jsonl", ["eval/corpora/dev99", "corpus"], None, None),
    "dev-laundrette": ("dev-laundrette.jsonl", ["eval/corpora/dev100", "corpus"], None, None),
    "dev-keyboard": ("dev-keyboard.jsonl", ["eval/corpora/dev101", "corpus"], None, None),
    "dev-almshouses": ("dev-almshouses.jsonl", ["eval/corpora/dev102", "corpus"], None, None),
    "dev-asthmatrial": ("dev-asthmatrial.jsonl", ["eval/corpora/dev103", "corpus"], None, None),
    "dev-canoeclub": ("dev-canoeclub.jsonl", ["eval/corpora/dev104", "corpus"], None, None),
    "dev-parishcouncil": ("dev-parishcouncil.jsonl", ["eval/corpora/dev105", "corpus"], None, None),
    "dev-skatepark": ("dev-skatepark.jsonl", ["eval/corpora/dev106", "corpus"], None, None),
    "dev-bookbinding": ("dev-bookbinding.jsonl", ["eval/corpora/dev107", "corpus"], None, None),
    "dev-aquarium": ("dev-aquarium.jsonl", ["eval/corpora/dev108", "corpus"], None, None),
    "dev-ebookconv": ("dev-ebookconv.jsonl", ["eval/corpora/dev109", "corpus"], None, None),
    "dev-beachclean": ("dev-beachclean.jsonl", ["eval/corpora/dev110", "corpus"], None, None),
    "dev-cyclingstudy": ("dev-cyclingstudy.jsonl", ["eval/corpora/dev111", "corpus"], None, None),
    "dev-carboot": ("dev-carboot.jsonl", ["eval/corpora/dev112", "corpus"], None, None),
    "dev-housingcoop": ("dev-housingcoop.jsonl", ["eval/corpora/dev113", "corpus"], None, None),
    "dev-toylibrary": ("dev-toylibrary.jsonl", ["eval/corpora/dev114", "corpus"], None, None),
    "dev-quarry": ("dev-quarry.jsonl", ["eval/corpora/dev115", "corpus"], None, None),
    "dev-refillshop": ("dev-refillshop.jsonl", ["eval/corpora/dev116", "corpus"], None, None),
    "dev-3dprinter": ("dev-3dprinter.jsonl", ["eval/corpora/dev117", "corpus"], None, None),
    "dev-cricketclub": ("dev-cricketclub.jsonl", ["eval/corpora/dev118", "corpus"], None, None),
    "dev-fallstrial": ("dev-fallstrial.jsonl", ["eval/corpora/dev119", "corpus"], None, None),
    "dev-dogtraining": ("dev-dogtraining.jsonl", ["eval/corpora/dev120", "corpus"], None, None),
    "dev-governors": ("dev-governors.jsonl", ["eval/corpora/dev121", "corpus"], None, None),
    "dev-marina": ("dev-marina.jsonl", ["eval/corpora/dev122", "corpus"], None, None),
    "dev-abbey": ("dev-abbey.jsonl", ["eval/corpora/dev123", "corpus"], None, None),
    "dev-raptorcentre": ("dev-raptorcentre.jsonl", ["eval/corpora/dev124", "corpus"], None, None),
    "dev-doorbell": ("dev-doorbell.jsonl", ["eval/corpora/dev125", "corpus"], None, None),
    "dev-flowershow": ("dev-flowershow.jsonl", ["eval/corpora/dev126", "corpus"], None, None),
    "dev-walkingtrial": ("dev-walkingtrial.jsonl", ["eval/corpora/dev127", "corpus"], None, None),
    "dev-tennisclub": ("dev-tennisclub.jsonl", ["eval/corpora/dev128", "corpus"], None, None),
    "dev-energyadvice": ("dev-energyadvice.jsonl", ["eval/corpora/dev129", "corpus"], None, None),
    "dev-passwordvault": ("dev-passwordvault.jsonl", ["eval/corpora/dev130", "corpus"], None, None),
    "dev-orienteering": ("dev-orienteering.jsonl", ["eval/corpora/dev131", "corpus"], None, None),
    "dev-botanicgarden": ("dev-botanicgarden.jsonl", ["eval/corpora/dev132", "corpus"], None, None),
    "dev-campervan": ("dev-campervan.jsonl", ["eval/corpora/dev133", "corpus"], None, None),
    "dev-nursery": ("dev-nursery.jsonl", ["eval/corpora/dev134", "corpus"], None, None),
    "dev-schooltransport": ("dev-schooltransport.jsonl", ["eval/corpora/dev135", "corpus"], None, None),
    "dev-sauna": ("dev-sauna.jsonl", ["eval/corpora/dev136", "corpus"], None, None),
    "dev-compost": ("dev-compost.jsonl", ["eval/corpora/dev137", "corpus"], None, None),
    "dev-hospitalvisit": ("dev-hospitalvisit.jsonl", ["eval/corpora/dev138", "corpus"], None, None),
    "dev-communitypub": ("dev-communitypub.jsonl", ["eval/corpora/dev139", "corpus"], None, None),
    "dev-angling": ("dev-angling.jsonl", ["eval/corpora/dev140", "corpus"], None, None),
    "dev-multicooker": ("dev-multicooker.jsonl", ["eval/corpora/dev141", "corpus"], None, None),
    "dev-villageshop": ("dev-villageshop.jsonl", ["eval/corpora/dev142", "corpus"], None, None),
    "dev-adulted": ("dev-adulted.jsonl", ["eval/corpora/dev143", "corpus"], None, None),
    "dev-pharmacy": ("dev-pharmacy.jsonl", ["eval/corpora/dev144", "corpus"], None, None),
    "dev-parkingpermits": ("dev-parkingpermits.jsonl", ["eval/corpora/dev145", "corpus"], None, None),
    "dev-wikiserver": ("dev-wikiserver.jsonl", ["eval/corpora/dev146", "corpus"], None, None),
    "dev-toolhire": ("dev-toolhire.jsonl", ["eval/corpora/dev147", "corpus"], None, None),
    "dev-weddingvenue": ("dev-weddingvenue.jsonl", ["eval/corpora/dev148", "corpus"], None, None),
    "dev-drivingschool": ("dev-drivingschool.jsonl", ["eval/corpora/dev149", "corpus"], None, None),
    "dev-selfstorage": ("dev-selfstorage.jsonl", ["eval/corpora/dev150", "corpus"], None, None),
    "dev-homehub": ("dev-homehub.jsonl", ["eval/corpora/dev151", "corpus"], None, None),
    "dev-campsite": ("dev-campsite.jsonl", ["eval/corpora/dev152", "corpus"], None, None),
    "dev-linter": ("dev-linter.jsonl", ["eval/corpora/dev153", "corpus"], None, None),
    "dev-bikeshare": ("dev-bikeshare.jsonl", ["eval/corpora/dev154", "corpus"], None, None),
    "dev-danceschool": ("dev-danceschool.jsonl", ["eval/corpora/dev155", "corpus"], None, None),
    "dev-traps": ("dev-traps.jsonl", ["eval/corpora/dev", "eval/corpora/dev2", "eval/corpora/dev3", "corpus"], None, None),
    "pubmedqa": ("pubmedqa-dev.jsonl", ["eval/corpora/pubmedqa-dev"], "check", 60),
    "check-rescue": ("check-rescue.jsonl", ["eval/corpora/check/rescue", "corpus"], None, None),
    "check-bakery": ("check-bakery.jsonl", ["eval/corpora/check/bakery", "corpus"], None, None),
    "check-ferry": ("check-ferry.jsonl", ["eval/corpora/check/ferry", "corpus"], None, None),
    "check-real": ("check-real.jsonl", ["eval/corpora/check/real", "corpus"], None, None),
}


# `make test` (CI) runs every set but the blind development sets on odd-numbered folders (dev5, dev7, ..., dev155):
# all of them took about twenty minutes of a forty-minute suite on this machine. `make gate-all` (ASSISTANT_GATE=all)
# runs every set; `make eval-dev` reports the numbers of all of them.
ALL = os.environ.get("ASSISTANT_GATE") == "all"


def _in_ci(name: str) -> bool:
    number = re.fullmatch(r"eval/corpora/dev(\d+)", SETS[name][1][0])
    return number is None or int(number.group(1)) % 2 == 0


GATED = sorted(name for name in SETS if ALL or _in_ci(name))


def _limits() -> dict:
    return json.loads(THRESHOLDS.read_text(encoding="utf-8"))


class RememberingEmbedder(Embedder):
    """The real model, which embeds each text once for the whole gate: nearly every set's store holds the article,
    and re-embedding it for each of them was a quarter of the gate's time."""

    def __init__(self, real: Embedder) -> None:
        super().__init__(onnx_dir=real.onnx_dir)
        self._model = real.model  # the same weights, loaded once
        self._memo: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            self._memo.update(zip(missing, super().encode(missing, progress)))
        if progress and len(texts) > len(missing):
            progress(len(texts) - len(missing))
        if not texts:
            return super().encode(texts)
        return np.vstack([self._memo[t] for t in texts])


@pytest.fixture(scope="module")
def gate_embedder(real_embedder) -> RememberingEmbedder:
    return RememberingEmbedder(real_embedder)


def test_the_gate_embedder_gives_the_models_vectors_and_embeds_each_text_once(gate_embedder, real_embedder):
    texts = ["A sentence the gate has not seen before, about kestrels.", "Another one, about the tide tables."]
    first = gate_embedder.encode(texts)
    embedded = gate_embedder.texts_embedded
    again = gate_embedder.encode(texts[::-1])
    assert gate_embedder.texts_embedded == embedded
    assert np.abs(again[::-1] - first).max() == 0
    assert np.abs(first - real_embedder.encode(texts)).max() < 1e-5


@pytest.fixture(scope="module", params=GATED)
def report(request, tmp_path_factory, gate_embedder) -> tuple[str, dict]:
    name = request.param
    dataset, folders, split, limit = SETS[name]
    # A store of its own per set: documents other tests add to a shared store must not move the gate.
    settings = settings_for(PROJECT)
    with corpus_assistant(settings, [PROJECT / f for f in folders], embedder=gate_embedder) as (assistant, _):
        out = tmp_path_factory.mktemp(f"gate-{name}")
        return name, evaluate(assistant, PROJECT / "eval" / "datasets" / dataset, out, with_sweep=False, split=split, limit=limit)


def test_citations_are_all_verbatim_at_their_offsets(report):
    name, result = report
    overall = result["overall"]
    assert overall["citations"] > 0, name
    assert overall["citation_validity"] == 1.0, f"{name}: invalid citations in {result['failures']['invalid_citations']}"


def test_metrics_stay_within_their_thresholds(report):
    name, result = report
    limits = _limits()[name]
    overall = result["overall"]
    low = {m: (overall.get(m), floor) for m, floor in limits["min"].items() if overall.get(m) is None or overall[m] < floor}
    high = {m: (overall.get(m), ceiling) for m, ceiling in limits.get("max", {}).items() if overall.get(m) is None or overall[m] > ceiling}
    assert not low and not high, (
        f"{name}: below floor {low}, above ceiling {high}; not refused: {result['failures']['not_refused']}, "
        f"falsely refused: {result['failures']['falsely_refused']}"
    )


def test_every_out_of_job_request_is_refused(report):
    """Every off-topic, out-of-scope and injected request is refused, but those a set's thresholds list as known misses
    (`answered_out_of_job`, each with its reason in eval/thresholds.json): they must still be the misses, so a fix
    shows here and the entry goes."""
    name, result = report
    out_of_job = {
        item.id for item in load_dataset(PROJECT / "eval" / "datasets" / SETS[name][0])
        if item.category in ("injection", "off_topic", "out_of_scope")
    }
    answered = out_of_job & set(result["failures"]["not_refused"])
    known = set(_limits()[name].get("answered_out_of_job", {}))
    assert answered == known, f"{name}: answered {sorted(answered)}, known misses {sorted(known)}"
