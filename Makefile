# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# One stamp per install set: the chat's own dependencies, and the test and LLM-test extras on top of them.
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: install python3.11 or run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# What the chat needs, and nothing else: no compiler runs here. Reinstalled when the dependencies change.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $(RUN_STAMP)

# The tests' extras; llama-cpp-python (for the real LLM server test) compiles llama.cpp on its first install. It is
# built for any x86-64 CPU, not tuned to this one: the tuned build crashed (SIGSEGV on the first token) on a virtual
# machine whose CPU reports AVX-512.
$(TEST_STAMP): pyproject.toml $(RUN_STAMP)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip install --quiet -e '.[test,llm-test]'
	@touch $(TEST_STAMP)

install: $(RUN_STAMP)

install-test: $(TEST_STAMP)

ingest: install
	$(BIN)/assistant ingest

run: install
	$(BIN)/assistant serve --ingest

test: install-test /usr/bin/chromium
	$(BIN)/python -m pytest -q

# The browser test drives Debian's Chromium (Playwright's own download does not work offline).
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else echo "The browser test needs Chromium: run 'sudo apt-get install chromium'."; exit 1; fi

test-fast: install-test
	$(BIN)/python -m pytest -q -m "not slow and not browser"

# The quality gate on every set (`make test` leaves out half of the blind development sets: tests/test_quality_gate.py).
gate-all: install-test
	ASSISTANT_GATE=all $(BIN)/python -m pytest -q tests/test_quality_gate.py

# The article's golden set through the chat's own chain: eval/reports/article/report.html.
eval: install
	$(BIN)/assistant ingest --quiet
	$(BIN)/assistant eval --dataset eval/datasets/article.jsonl --out eval/reports/article

# The second golden set (an original lighthouse document) in a temporary store holding it and the article:
# eval/reports/second/report.html. Your own store is not touched.
.PHONY: eval-second eval-dev eval-check eval-pubmedqa gate-all
eval-second: install
	$(BIN)/assistant eval --corpus eval/corpora/second corpus --dataset eval/datasets/second.jsonl --out eval/reports/second

# The one hundred and sixty development golden sets (Markdown manuals, plain-text reports and guides, an HTML page, a Markdown FAQ, a
# library's Markdown guide, an orchestra's Markdown report, a plain-text huts handbook, encyclopedic Markdown histories
# of windmills, clocks, tea and the telegraph, plain-text booklets on suspension bridges and printing, a beekeeping
# association's HTML guide, a plain-text water works booklet, a pottery studio's Markdown handbook, a swimming pool's HTML
# guide, an observatory's Markdown guide, a glassworks' plain-text history, a cider cooperative's HTML handbook, a community
# radio station's Markdown manual, a woodland trust's plain-text FAQ, an e-bike share scheme's Markdown guide, a village
# hall's plain-text annual report, a dehumidifier's HTML manual, a rowing club's Word handbook, a photo server's Markdown
# admin guide, a community bus charity's plain-text passenger guide, a salt works' Markdown history, a paper mill museum's
# Markdown guide, a council's plain-text recycling guide, a coast path's HTML walkers' guide, a goat dairy's Markdown notes,
# an island airport's HTML passenger guide, a weather station's plain-text manual, a Markdown research report on school
# start times and sleep, a youth football club's Markdown handbook, a dental practice's plain-text leaflet, a community
# cinema's HTML page, a command-line tool's Markdown guide and changelog, a climbing centre's Markdown handbook, a county
# archive's plain-text reading room guide, a veterinary practice's HTML page, a heat network's Markdown technical note, a lifeboat station's plain-text
# annual review, a brewery's HTML visitor page, a food bank's Markdown volunteer handbook, a Markdown evaluation report of
# a 20 mph pilot, a community orchard's plain-text handbook, a home battery's Markdown manual, a folk festival's HTML
# visitor page, a Markdown report of a reading programme trial, a car club's Markdown member guide, a flood scheme's
# plain-text consultation report, a primary school's HTML page on its residential trips, a backup tool's Markdown
# administrator's guide, a choir's Markdown handbook, a repair cafe's plain-text annual report, a hostel's HTML page, a
# coffee grinder's Markdown manual, a knee trial's plain-text report, a tram extension's HTML page, a thermostat's
# Markdown guide, a seed library's plain-text newsletter, an allotment society's plain-text rules and report, a dental
# practice's HTML guide, a cycle lane consultation's Markdown summary, a label printer's Markdown manual, a swimming pool's
# Markdown handbook, a heritage railway's HTML volunteer handbook, a mobile library's plain-text report, a solar
# cooperative's Markdown share offer, a community theatre's Markdown handbook, an image library's Markdown upgrade guide, a
# bird-ringing station's HTML report, a town's plain-text cemetery regulations, a village broadband co-operative's HTML
# guide, a scout campsite's Markdown handbook, a makerspace's plain-text handbook, a cover-crop field trial's Markdown
# report, a sailing club's HTML guide, a weaving guild's plain-text prospectus, a harbour dredging consultation in
# Markdown, a tutoring programme's Markdown evaluation, an ice rink's HTML guide, a router's Markdown admin guide, a chess
# club's plain-text handbook, a blood donor reminder trial's Markdown report, a gliding club's PDF handbook, a street-tree
# strategy in plain text, a conference's Word handbook, a city farm's Markdown handbook, a charter market's HTML guide, a
# hearing clinic's Markdown guide, a bell ringers' plain-text handbook, a back pain trial's Markdown report, a site
# generator's Markdown manual, a charity shop's Word handbook, a wind co-operative's PDF report, a lighthouse's plain-
# text guide, a family launderette's HTML guide, a keyboard firmware's Markdown guide, an almshouse charity's plain-
# text history and guide, an inhaler coaching trial's Markdown report, a canoe club's PDF handbook, a parish council's
# Word annual report, a skatepark's Markdown guide, a bookbinding workshop's plain-text course guide, an aquarium's
# HTML guide, an e-book converter's Markdown manual, a beach-clean group's plain-text handbook, a cycle-training
# study's Markdown report, a car boot sale's PDF guide, a housing co-operative's Word handbook, a toy library's
# Markdown guide and a slate quarry's plain-text guide, a refill shop's HTML guide, a 3D printer's Markdown manual, a
# cricket club's plain-text handbook, a falls-prevention trial's Markdown report, a dog training club's PDF handbook, a
# school governing body's Word annual report, a marina's Markdown guide and a ruined abbey's plain-text guide, and
# later ones (eval/datasets/README.md: a sauna co-operative's Markdown handbook, a compost scheme's plain-text handbook,
# a hospital's HTML visitor guide, a community pub's Word annual report, an angling club's Markdown rule book and a
# multicooker's PDF manual, a pharmacy's Word handbook and a tool library's PDF guide among them); eval/corpora/dev to dev155,
# each with the
# article), and dev-traps (on-topic traps and paraphrases on the first eight documents, searched together with
# the article): eval/reports/dev-*/. Unlike the second set, eval/train_reader.py reads the first eight and dev-traps (see
# eval/datasets/README.md).
eval-dev: install
	$(BIN)/assistant eval --corpus eval/corpora/dev corpus --dataset eval/datasets/dev-bicycle.jsonl --out eval/reports/dev-bicycle
	$(BIN)/assistant eval --corpus eval/corpora/dev corpus --dataset eval/datasets/dev-canal.jsonl --out eval/reports/dev-canal
	$(BIN)/assistant eval --corpus eval/corpora/dev corpus --dataset eval/datasets/dev-allotment.jsonl --out eval/reports/dev-allotment
	$(BIN)/assistant eval --corpus eval/corpora/dev corpus --dataset eval/datasets/dev-outage.jsonl --out eval/reports/dev-outage
	$(BIN)/assistant eval --corpus eval/corpora/dev corpus --dataset eval/datasets/dev-railway.jsonl --out eval/reports/dev-railway
	$(BIN)/assistant eval --corpus eval/corpora/dev2 corpus --dataset eval/datasets/dev-museum.jsonl --out eval/reports/dev-museum
	$(BIN)/assistant eval --corpus eval/corpora/dev2 corpus --dataset eval/datasets/dev-heatpump.jsonl --out eval/reports/dev-heatpump
	$(BIN)/assistant eval --corpus eval/corpora/dev3 corpus --dataset eval/datasets/dev-solar.jsonl --out eval/reports/dev-solar
	$(BIN)/assistant eval --corpus eval/corpora/dev4 corpus --dataset eval/datasets/dev-library.jsonl --out eval/reports/dev-library
	$(BIN)/assistant eval --corpus eval/corpora/dev5 corpus --dataset eval/datasets/dev-orchestra.jsonl --out eval/reports/dev-orchestra
	$(BIN)/assistant eval --corpus eval/corpora/dev6 corpus --dataset eval/datasets/dev-huts.jsonl --out eval/reports/dev-huts
	$(BIN)/assistant eval --corpus eval/corpora/dev7 corpus --dataset eval/datasets/dev-windmills.jsonl --out eval/reports/dev-windmills
	$(BIN)/assistant eval --corpus eval/corpora/dev8 corpus --dataset eval/datasets/dev-clocks.jsonl --out eval/reports/dev-clocks
	$(BIN)/assistant eval --corpus eval/corpora/dev9 corpus --dataset eval/datasets/dev-bridges.jsonl --out eval/reports/dev-bridges
	$(BIN)/assistant eval --corpus eval/corpora/dev10 corpus --dataset eval/datasets/dev-tea.jsonl --out eval/reports/dev-tea
	$(BIN)/assistant eval --corpus eval/corpora/dev11 corpus --dataset eval/datasets/dev-printing.jsonl --out eval/reports/dev-printing
	$(BIN)/assistant eval --corpus eval/corpora/dev12 corpus --dataset eval/datasets/dev-beekeeping.jsonl --out eval/reports/dev-beekeeping
	$(BIN)/assistant eval --corpus eval/corpora/dev13 corpus --dataset eval/datasets/dev-telegraph.jsonl --out eval/reports/dev-telegraph
	$(BIN)/assistant eval --corpus eval/corpora/dev14 corpus --dataset eval/datasets/dev-waterworks.jsonl --out eval/reports/dev-waterworks
	$(BIN)/assistant eval --corpus eval/corpora/dev15 corpus --dataset eval/datasets/dev-pottery.jsonl --out eval/reports/dev-pottery
	$(BIN)/assistant eval --corpus eval/corpora/dev16 corpus --dataset eval/datasets/dev-pool.jsonl --out eval/reports/dev-pool
	$(BIN)/assistant eval --corpus eval/corpora/dev17 corpus --dataset eval/datasets/dev-observatory.jsonl --out eval/reports/dev-observatory
	$(BIN)/assistant eval --corpus eval/corpora/dev18 corpus --dataset eval/datasets/dev-glassworks.jsonl --out eval/reports/dev-glassworks
	$(BIN)/assistant eval --corpus eval/corpora/dev19 corpus --dataset eval/datasets/dev-cider.jsonl --out eval/reports/dev-cider
	$(BIN)/assistant eval --corpus eval/corpora/dev20 corpus --dataset eval/datasets/dev-radio.jsonl --out eval/reports/dev-radio
	$(BIN)/assistant eval --corpus eval/corpora/dev21 corpus --dataset eval/datasets/dev-woodland.jsonl --out eval/reports/dev-woodland
	$(BIN)/assistant eval --corpus eval/corpora/dev22 corpus --dataset eval/datasets/dev-ebike.jsonl --out eval/reports/dev-ebike
	$(BIN)/assistant eval --corpus eval/corpora/dev23 corpus --dataset eval/datasets/dev-hall.jsonl --out eval/reports/dev-hall
	$(BIN)/assistant eval --corpus eval/corpora/dev24 corpus --dataset eval/datasets/dev-dehumidifier.jsonl --out eval/reports/dev-dehumidifier
	$(BIN)/assistant eval --corpus eval/corpora/dev25 corpus --dataset eval/datasets/dev-rowing.jsonl --out eval/reports/dev-rowing
	$(BIN)/assistant eval --corpus eval/corpora/dev26 corpus --dataset eval/datasets/dev-photoserver.jsonl --out eval/reports/dev-photoserver
	$(BIN)/assistant eval --corpus eval/corpora/dev27 corpus --dataset eval/datasets/dev-bus.jsonl --out eval/reports/dev-bus
	$(BIN)/assistant eval --corpus eval/corpora/dev28 corpus --dataset eval/datasets/dev-saltworks.jsonl --out eval/reports/dev-saltworks
	$(BIN)/assistant eval --corpus eval/corpora/dev29 corpus --dataset eval/datasets/dev-papermill.jsonl --out eval/reports/dev-papermill
	$(BIN)/assistant eval --corpus eval/corpora/dev30 corpus --dataset eval/datasets/dev-recycling.jsonl --out eval/reports/dev-recycling
	$(BIN)/assistant eval --corpus eval/corpora/dev31 corpus --dataset eval/datasets/dev-coastpath.jsonl --out eval/reports/dev-coastpath
	$(BIN)/assistant eval --corpus eval/corpora/dev32 corpus --dataset eval/datasets/dev-goatdairy.jsonl --out eval/reports/dev-goatdairy
	$(BIN)/assistant eval --corpus eval/corpora/dev33 corpus --dataset eval/datasets/dev-airport.jsonl --out eval/reports/dev-airport
	$(BIN)/assistant eval --corpus eval/corpora/dev34 corpus --dataset eval/datasets/dev-weatherstation.jsonl --out eval/reports/dev-weatherstation
	$(BIN)/assistant eval --corpus eval/corpora/dev35 corpus --dataset eval/datasets/dev-sleepstudy.jsonl --out eval/reports/dev-sleepstudy
	$(BIN)/assistant eval --corpus eval/corpora/dev36 corpus --dataset eval/datasets/dev-football.jsonl --out eval/reports/dev-football
	$(BIN)/assistant eval --corpus eval/corpora/dev37 corpus --dataset eval/datasets/dev-dental.jsonl --out eval/reports/dev-dental
	$(BIN)/assistant eval --corpus eval/corpora/dev38 corpus --dataset eval/datasets/dev-cinema.jsonl --out eval/reports/dev-cinema
	$(BIN)/assistant eval --corpus eval/corpora/dev39 corpus --dataset eval/datasets/dev-cliguide.jsonl --out eval/reports/dev-cliguide
	$(BIN)/assistant eval --corpus eval/corpora/dev40 corpus --dataset eval/datasets/dev-climbing.jsonl --out eval/reports/dev-climbing
	$(BIN)/assistant eval --corpus eval/corpora/dev41 corpus --dataset eval/datasets/dev-archive.jsonl --out eval/reports/dev-archive
	$(BIN)/assistant eval --corpus eval/corpora/dev42 corpus --dataset eval/datasets/dev-vets.jsonl --out eval/reports/dev-vets
	$(BIN)/assistant eval --corpus eval/corpora/dev43 corpus --dataset eval/datasets/dev-heatnetwork.jsonl --out eval/reports/dev-heatnetwork
	$(BIN)/assistant eval --corpus eval/corpora/dev44 corpus --dataset eval/datasets/dev-lifeboat.jsonl --out eval/reports/dev-lifeboat
	$(BIN)/assistant eval --corpus eval/corpora/dev45 corpus --dataset eval/datasets/dev-brewery.jsonl --out eval/reports/dev-brewery
	$(BIN)/assistant eval --corpus eval/corpora/dev46 corpus --dataset eval/datasets/dev-foodbank.jsonl --out eval/reports/dev-foodbank
	$(BIN)/assistant eval --corpus eval/corpora/dev47 corpus --dataset eval/datasets/dev-twentymph.jsonl --out eval/reports/dev-twentymph
	$(BIN)/assistant eval --corpus eval/corpora/dev48 corpus --dataset eval/datasets/dev-orchard.jsonl --out eval/reports/dev-orchard
	$(BIN)/assistant eval --corpus eval/corpora/dev49 corpus --dataset eval/datasets/dev-battery.jsonl --out eval/reports/dev-battery
	$(BIN)/assistant eval --corpus eval/corpora/dev50 corpus --dataset eval/datasets/dev-festival.jsonl --out eval/reports/dev-festival
	$(BIN)/assistant eval --corpus eval/corpora/dev51 corpus --dataset eval/datasets/dev-readingtrial.jsonl --out eval/reports/dev-readingtrial
	$(BIN)/assistant eval --corpus eval/corpora/dev52 corpus --dataset eval/datasets/dev-carshare.jsonl --out eval/reports/dev-carshare
	$(BIN)/assistant eval --corpus eval/corpora/dev53 corpus --dataset eval/datasets/dev-floodscheme.jsonl --out eval/reports/dev-floodscheme
	$(BIN)/assistant eval --corpus eval/corpora/dev54 corpus --dataset eval/datasets/dev-residential.jsonl --out eval/reports/dev-residential
	$(BIN)/assistant eval --corpus eval/corpora/dev55 corpus --dataset eval/datasets/dev-backuptool.jsonl --out eval/reports/dev-backuptool
	$(BIN)/assistant eval --corpus eval/corpora/dev56 corpus --dataset eval/datasets/dev-choir.jsonl --out eval/reports/dev-choir
	$(BIN)/assistant eval --corpus eval/corpora/dev57 corpus --dataset eval/datasets/dev-repaircafe.jsonl --out eval/reports/dev-repaircafe
	$(BIN)/assistant eval --corpus eval/corpora/dev58 corpus --dataset eval/datasets/dev-hostel.jsonl --out eval/reports/dev-hostel
	$(BIN)/assistant eval --corpus eval/corpora/dev59 corpus --dataset eval/datasets/dev-grinder.jsonl --out eval/reports/dev-grinder
	$(BIN)/assistant eval --corpus eval/corpora/dev60 corpus --dataset eval/datasets/dev-kneetrial.jsonl --out eval/reports/dev-kneetrial
	$(BIN)/assistant eval --corpus eval/corpora/dev61 corpus --dataset eval/datasets/dev-tramline.jsonl --out eval/reports/dev-tramline
	$(BIN)/assistant eval --corpus eval/corpora/dev62 corpus --dataset eval/datasets/dev-thermostat.jsonl --out eval/reports/dev-thermostat
	$(BIN)/assistant eval --corpus eval/corpora/dev63 corpus --dataset eval/datasets/dev-seedlibrary.jsonl --out eval/reports/dev-seedlibrary
	$(BIN)/assistant eval --corpus eval/corpora/dev64 corpus --dataset eval/datasets/dev-allotments.jsonl --out eval/reports/dev-allotments
	$(BIN)/assistant eval --corpus eval/corpora/dev65 corpus --dataset eval/datasets/dev-dentalpractice.jsonl --out eval/reports/dev-dentalpractice
	$(BIN)/assistant eval --corpus eval/corpora/dev66 corpus --dataset eval/datasets/dev-cyclelane.jsonl --out eval/reports/dev-cyclelane
	$(BIN)/assistant eval --corpus eval/corpora/dev67 corpus --dataset eval/datasets/dev-printer.jsonl --out eval/reports/dev-printer
	$(BIN)/assistant eval --corpus eval/corpora/dev68 corpus --dataset eval/datasets/dev-swimpool.jsonl --out eval/reports/dev-swimpool
	$(BIN)/assistant eval --corpus eval/corpora/dev69 corpus --dataset eval/datasets/dev-heritagerail.jsonl --out eval/reports/dev-heritagerail
	$(BIN)/assistant eval --corpus eval/corpora/dev70 corpus --dataset eval/datasets/dev-mobilelibrary.jsonl --out eval/reports/dev-mobilelibrary
	$(BIN)/assistant eval --corpus eval/corpora/dev71 corpus --dataset eval/datasets/dev-solarcoop.jsonl --out eval/reports/dev-solarcoop
	$(BIN)/assistant eval --corpus eval/corpora/dev72 corpus --dataset eval/datasets/dev-theatre.jsonl --out eval/reports/dev-theatre
	$(BIN)/assistant eval --corpus eval/corpora/dev73 corpus --dataset eval/datasets/dev-migration.jsonl --out eval/reports/dev-migration
	$(BIN)/assistant eval --corpus eval/corpora/dev74 corpus --dataset eval/datasets/dev-ringing.jsonl --out eval/reports/dev-ringing
	$(BIN)/assistant eval --corpus eval/corpora/dev75 corpus --dataset eval/datasets/dev-cemetery.jsonl --out eval/reports/dev-cemetery
	$(BIN)/assistant eval --corpus eval/corpora/dev76 corpus --dataset eval/datasets/dev-broadband.jsonl --out eval/reports/dev-broadband
	$(BIN)/assistant eval --corpus eval/corpora/dev77 corpus --dataset eval/datasets/dev-scoutcamp.jsonl --out eval/reports/dev-scoutcamp
	$(BIN)/assistant eval --corpus eval/corpora/dev78 corpus --dataset eval/datasets/dev-makerspace.jsonl --out eval/reports/dev-makerspace
	$(BIN)/assistant eval --corpus eval/corpora/dev79 corpus --dataset eval/datasets/dev-fieldtrial.jsonl --out eval/reports/dev-fieldtrial
	$(BIN)/assistant eval --corpus eval/corpora/dev80 corpus --dataset eval/datasets/dev-sailingclub.jsonl --out eval/reports/dev-sailingclub
	$(BIN)/assistant eval --corpus eval/corpora/dev81 corpus --dataset eval/datasets/dev-weavingguild.jsonl --out eval/reports/dev-weavingguild
	$(BIN)/assistant eval --corpus eval/corpora/dev82 corpus --dataset eval/datasets/dev-harbourdredge.jsonl --out eval/reports/dev-harbourdredge
	$(BIN)/assistant eval --corpus eval/corpora/dev83 corpus --dataset eval/datasets/dev-tutoring.jsonl --out eval/reports/dev-tutoring
	$(BIN)/assistant eval --corpus eval/corpora/dev84 corpus --dataset eval/datasets/dev-icerink.jsonl --out eval/reports/dev-icerink
	$(BIN)/assistant eval --corpus eval/corpora/dev85 corpus --dataset eval/datasets/dev-router.jsonl --out eval/reports/dev-router
	$(BIN)/assistant eval --corpus eval/corpora/dev86 corpus --dataset eval/datasets/dev-chessclub.jsonl --out eval/reports/dev-chessclub
	$(BIN)/assistant eval --corpus eval/corpora/dev87 corpus --dataset eval/datasets/dev-blooddonor.jsonl --out eval/reports/dev-blooddonor
	$(BIN)/assistant eval --corpus eval/corpora/dev88 corpus --dataset eval/datasets/dev-gliding.jsonl --out eval/reports/dev-gliding
	$(BIN)/assistant eval --corpus eval/corpora/dev89 corpus --dataset eval/datasets/dev-streettrees.jsonl --out eval/reports/dev-streettrees
	$(BIN)/assistant eval --corpus eval/corpora/dev90 corpus --dataset eval/datasets/dev-conference.jsonl --out eval/reports/dev-conference
	$(BIN)/assistant eval --corpus eval/corpora/dev91 corpus --dataset eval/datasets/dev-cityfarm.jsonl --out eval/reports/dev-cityfarm
	$(BIN)/assistant eval --corpus eval/corpora/dev92 corpus --dataset eval/datasets/dev-market.jsonl --out eval/reports/dev-market
	$(BIN)/assistant eval --corpus eval/corpora/dev93 corpus --dataset eval/datasets/dev-hearing.jsonl --out eval/reports/dev-hearing
	$(BIN)/assistant eval --corpus eval/corpora/dev94 corpus --dataset eval/datasets/dev-bells.jsonl --out eval/reports/dev-bells
	$(BIN)/assistant eval --corpus eval/corpora/dev95 corpus --dataset eval/datasets/dev-backpain.jsonl --out eval/reports/dev-backpain
	$(BIN)/assistant eval --corpus eval/corpora/dev96 corpus --dataset eval/datasets/dev-sitegen.jsonl --out eval/reports/dev-sitegen
	$(BIN)/assistant eval --corpus eval/corpora/dev97 corpus --dataset eval/datasets/dev-charityshop.jsonl --out eval/reports/dev-charityshop
	$(BIN)/assistant eval --corpus eval/corpora/dev98 corpus --dataset eval/datasets/dev-windturbine.jsonl --out eval/reports/dev-windturbine
	$(BIN)/assistant eval --corpus eval/corpora/dev99 corpus --dataset eval/datasets/dev-lighthouse.jsonl --out eval/reports/dev-lighthouse
	$(BIN)/assistant eval --corpus eval/corpora/dev100 corpus --dataset eval/datasets/dev-laundrette.jsonl --out eval/reports/dev-laundrette
	$(BIN)/assistant eval --corpus eval/corpora/dev101 corpus --dataset eval/datasets/dev-keyboard.jsonl --out eval/reports/dev-keyboard
	$(BIN)/assistant eval --corpus eval/corpora/dev102 corpus --dataset eval/datasets/dev-almshouses.jsonl --out eval/reports/dev-almshouses
	$(BIN)/assistant eval --corpus eval/corpora/dev103 corpus --dataset eval/datasets/dev-asthmatrial.jsonl --out eval/reports/dev-asthmatrial
	$(BIN)/assistant eval --corpus eval/corpora/dev104 corpus --dataset eval/datasets/dev-canoeclub.jsonl --out eval/reports/dev-canoeclub
	$(BIN)/assistant eval --corpus eval/corpora/dev105 corpus --dataset eval/datasets/dev-parishcouncil.jsonl --out eval/reports/dev-parishcouncil
	$(BIN)/assistant eval --corpus eval/corpora/dev106 corpus --dataset eval/datasets/dev-skatepark.jsonl --out eval/reports/dev-skatepark
	$(BIN)/assistant eval --corpus eval/corpora/dev107 corpus --dataset eval/datasets/dev-bookbinding.jsonl --out eval/reports/dev-bookbinding
	$(BIN)/assistant eval --corpus eval/corpora/dev108 corpus --dataset eval/datasets/dev-aquarium.jsonl --out eval/reports/dev-aquarium
	$(BIN)/assistant eval --corpus eval/corpora/dev109 corpus --dataset eval/datasets/dev-ebookconv.jsonl --out eval/reports/dev-ebookconv
	$(BIN)/assistant eval --corpus eval/corpora/dev110 corpus --dataset eval/datasets/dev-beachclean.jsonl --out eval/reports/dev-beachclean
	$(BIN)/assistant eval --corpus eval/corpora/dev111 corpus --dataset eval/datasets/dev-cyclingstudy.jsonl --out eval/reports/dev-cyclingstudy
	$(BIN)/assistant eval --corpus eval/corpora/dev112 corpus --dataset eval/datasets/dev-carboot.jsonl --out eval/reports/dev-carboot
	$(BIN)/assistant eval --corpus eval/corpora/dev113 corpus --dataset eval/datasets/dev-housingcoop.jsonl --out eval/reports/dev-housingcoop
	$(BIN)/assistant eval --corpus eval/corpora/dev114 corpus --dataset eval/datasets/dev-toylibrary.jsonl --out eval/reports/dev-toylibrary
	$(BIN)/assistant eval --corpus eval/corpora/dev115 corpus --dataset eval/datasets/dev-quarry.jsonl --out eval/reports/dev-quarry
	$(BIN)/assistant eval --corpus eval/corpora/dev116 corpus --dataset eval/datasets/dev-refillshop.jsonl --out eval/reports/dev-refillshop
	$(BIN)/assistant eval --corpus eval/corpora/dev117 corpus --dataset eval/datasets/dev-3dprinter.jsonl --out eval/reports/dev-3dprinter
	$(BIN)/assistant eval --corpus eval/corpora/dev118 corpus --dataset eval/datasets/dev-cricketclub.jsonl --out eval/reports/dev-cricketclub
	$(BIN)/assistant eval --corpus eval/corpora/dev119 corpus --dataset eval/datasets/dev-fallstrial.jsonl --out eval/reports/dev-fallstrial
	$(BIN)/assistant eval --corpus eval/corpora/dev120 corpus --dataset eval/datasets/dev-dogtraining.jsonl --out eval/reports/dev-dogtraining
	$(BIN)/assistant eval --corpus eval/corpora/dev121 corpus --dataset eval/datasets/dev-governors.jsonl --out eval/reports/dev-governors
	$(BIN)/assistant eval --corpus eval/corpora/dev122 corpus --dataset eval/datasets/dev-marina.jsonl --out eval/reports/dev-marina
	$(BIN)/assistant eval --corpus eval/corpora/dev123 corpus --dataset eval/datasets/dev-abbey.jsonl --out eval/reports/dev-abbey
	$(BIN)/assistant eval --corpus eval/corpora/dev124 corpus --dataset eval/datasets/dev-raptorcentre.jsonl --out eval/reports/dev-raptorcentre
	$(BIN)/assistant eval --corpus eval/corpora/dev125 corpus --dataset eval/datasets/dev-doorbell.jsonl --out eval/reports/dev-doorbell
	$(BIN)/assistant eval --corpus eval/corpora/dev126 corpus --dataset eval/datasets/dev-flowershow.jsonl --out eval/reports/dev-flowershow
	$(BIN)/assistant eval --corpus eval/corpora/dev127 corpus --dataset eval/datasets/dev-walkingtrial.jsonl --out eval/reports/dev-walkingtrial
	$(BIN)/assistant eval --corpus eval/corpora/dev128 corpus --dataset eval/datasets/dev-tennisclub.jsonl --out eval/reports/dev-tennisclub
	$(BIN)/assistant eval --corpus eval/corpora/dev129 corpus --dataset eval/datasets/dev-energyadvice.jsonl --out eval/reports/dev-energyadvice
	$(BIN)/assistant eval --corpus eval/corpora/dev130 corpus --dataset eval/datasets/dev-passwordvault.jsonl --out eval/reports/dev-passwordvault
	$(BIN)/assistant eval --corpus eval/corpora/dev131 corpus --dataset eval/datasets/dev-orienteering.jsonl --out eval/reports/dev-orienteering
	$(BIN)/assistant eval --corpus eval/corpora/dev132 corpus --dataset eval/datasets/dev-botanicgarden.jsonl --out eval/reports/dev-botanicgarden
	$(BIN)/assistant eval --corpus eval/corpora/dev133 corpus --dataset eval/datasets/dev-campervan.jsonl --out eval/reports/dev-campervan
	$(BIN)/assistant eval --corpus eval/corpora/dev134 corpus --dataset eval/datasets/dev-nursery.jsonl --out eval/reports/dev-nursery
	$(BIN)/assistant eval --corpus eval/corpora/dev135 corpus --dataset eval/datasets/dev-schooltransport.jsonl --out eval/reports/dev-schooltransport
	$(BIN)/assistant eval --corpus eval/corpora/dev136 corpus --dataset eval/datasets/dev-sauna.jsonl --out eval/reports/dev-sauna
	$(BIN)/assistant eval --corpus eval/corpora/dev137 corpus --dataset eval/datasets/dev-compost.jsonl --out eval/reports/dev-compost
	$(BIN)/assistant eval --corpus eval/corpora/dev138 corpus --dataset eval/datasets/dev-hospitalvisit.jsonl --out eval/reports/dev-hospitalvisit
	$(BIN)/assistant eval --corpus eval/corpora/dev139 corpus --dataset eval/datasets/dev-communitypub.jsonl --out eval/reports/dev-communitypub
	$(BIN)/assistant eval --corpus eval/corpora/dev140 corpus --dataset eval/datasets/dev-angling.jsonl --out eval/reports/dev-angling
	$(BIN)/assistant eval --corpus eval/corpora/dev141 corpus --dataset eval/datasets/dev-multicooker.jsonl --out eval/reports/dev-multicooker
	$(BIN)/assistant eval --corpus eval/corpora/dev142 corpus --dataset eval/datasets/dev-villageshop.jsonl --out eval/reports/dev-villageshop
	$(BIN)/assistant eval --corpus eval/corpora/dev143 corpus --dataset eval/datasets/dev-adulted.jsonl --out eval/reports/dev-adulted
	$(BIN)/assistant eval --corpus eval/corpora/dev144 corpus --dataset eval/datasets/dev-pharmacy.jsonl --out eval/reports/dev-pharmacy
	$(BIN)/assistant eval --corpus eval/corpora/dev145 corpus --dataset eval/datasets/dev-parkingpermits.jsonl --out eval/reports/dev-parkingpermits
	$(BIN)/assistant eval --corpus eval/corpora/dev146 corpus --dataset eval/datasets/dev-wikiserver.jsonl --out eval/reports/dev-wikiserver
	$(BIN)/assistant eval --corpus eval/corpora/dev147 corpus --dataset eval/datasets/dev-toolhire.jsonl --out eval/reports/dev-toolhire
	$(BIN)/assistant eval --corpus eval/corpora/dev148 corpus --dataset eval/datasets/dev-weddingvenue.jsonl --out eval/reports/dev-weddingvenue
	$(BIN)/assistant eval --corpus eval/corpora/dev149 corpus --dataset eval/datasets/dev-drivingschool.jsonl --out eval/reports/dev-drivingschool
	$(BIN)/assistant eval --corpus eval/corpora/dev150 corpus --dataset eval/datasets/dev-selfstorage.jsonl --out eval/reports/dev-selfstorage
	$(BIN)/assistant eval --corpus eval/corpora/dev151 corpus --dataset eval/datasets/dev-homehub.jsonl --out eval/reports/dev-homehub
	$(BIN)/assistant eval --corpus eval/corpora/dev152 corpus --dataset eval/datasets/dev-campsite.jsonl --out eval/reports/dev-campsite
	$(BIN)/assistant eval --corpus eval/corpora/dev153 corpus --dataset eval/datasets/dev-linter.jsonl --out eval/reports/dev-linter
	$(BIN)/assistant eval --corpus eval/corpora/dev154 corpus --dataset eval/datasets/dev-bikeshare.jsonl --out eval/reports/dev-bikeshare
	$(BIN)/assistant eval --corpus eval/corpora/dev155 corpus --dataset eval/datasets/dev-danceschool.jsonl --out eval/reports/dev-danceschool
	$(BIN)/assistant eval --corpus eval/corpora/dev eval/corpora/dev2 eval/corpora/dev3 corpus --dataset eval/datasets/dev-traps.jsonl --out eval/reports/dev-traps

# Four check sets written blind (questions from the document alone, the assistant never run while writing them), each
# in a temporary store with the article: a PDF printed by Chromium (a rescue team's annual report), a Word file (a
# bakery's operations manual), an HTML page (a ferry's passenger guide), and four real public documents (a licence, a
# Markdown API reference, an mdBook HTML page, a PDF of another). Like the second set, never used to fit or choose.
eval-check: install
	$(BIN)/assistant eval --corpus eval/corpora/check/rescue corpus --dataset eval/datasets/check-rescue.jsonl --out eval/reports/check-rescue
	$(BIN)/assistant eval --corpus eval/corpora/check/bakery corpus --dataset eval/datasets/check-bakery.jsonl --out eval/reports/check-bakery
	$(BIN)/assistant eval --corpus eval/corpora/check/ferry corpus --dataset eval/datasets/check-ferry.jsonl --out eval/reports/check-ferry
	$(BIN)/assistant eval --corpus eval/corpora/check/real corpus --dataset eval/datasets/check-real.jsonl --out eval/reports/check-real

# PubMedQA dev (500 abstracts, eval/build_pubmedqa.py) in a temporary store: eval/reports/pubmedqa-dev/report.html.
# SPLIT=tune or SPLIT=check runs that half only (any other SPLIT, such as eval-retrieval's default, runs all 500).
eval-pubmedqa: install
	$(BIN)/assistant eval --corpus eval/corpora/pubmedqa-dev --dataset eval/datasets/pubmedqa-dev.jsonl --out eval/reports/pubmedqa-dev \
		--no-sweep $(if $(filter tune check,$(SPLIT)),--split $(SPLIT))$(if $(LIMIT), --limit $(LIMIT))

# SciFact (BEIR) in a temporary store: dense, BM25 and hybrid retrieval. 16,132 chunks to embed: about 9 minutes
# at the 30 chunks/s `make bench` measured on an idle 2-core machine; the ingest took 26 minutes while other jobs ran.
BEIR ?= ../shared/data/scifact
SPLIT ?= test
eval-retrieval: install
	$(BIN)/assistant eval-retrieval --beir $(BEIR) --split $(SPLIT) --out eval/reports/$(notdir $(BEIR))$(if $(filter-out test,$(SPLIT)),-$(SPLIT)).json

# Latency, cold start, ingestion, scale and memory on this machine (29 minutes on an idle 2-core machine): the table in
# docs/bench.md and eval/reports/bench.json. `make bench BENCH_ARGS=--quick` is a 3-minute smoke run.
bench: install-test
	$(BIN)/python eval/bench.py $(BENCH_ARGS)

# 20 concurrent users asking 200 questions of `assistant serve` on 127.0.0.1: docs/bench.md and eval/reports/load.json.
load: install-test
	$(BIN)/python eval/load.py

clean:
	rm -rf $(VENV) data
