"""The conversation as Markdown (assistant/web/export.py): questions, answers, and each citation with its quote."""

import re

from assistant.web.export import conversation_markdown


def _citation(marker=1, quote="CAR-T therapy reprograms a patient's T cells.", **extra) -> dict:
    return {
        "marker": marker,
        "source": "corpus/car-t.txt",
        "title": "CAR-T and glioblastoma",
        "chunk_id": "corpus/car-t.txt::0000",
        "quote": quote,
        "start": 10,
        "end": 10 + len(quote),
        "section": None,
        "page": None,
        **extra,
    }


def _turn(question="What is CAR-T therapy?", answer="CAR-T therapy reprograms a patient's T cells. [1]", **extra) -> dict:
    return {"question": question, "answer": answer, "refused": False, "citations": [_citation()], **extra}


def _unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_every_question_and_answer_in_order_with_its_sources():
    turns = [_turn(), _turn("How does it work?", "It adds a receptor to the T cells. [1] [2]")]
    turns[1]["citations"] = [_citation(1, "It adds a receptor."), _citation(2, "The receptor finds the tumour.")]
    markdown = conversation_markdown(turns)
    assert markdown.startswith("# Conversation\n") and markdown.endswith("\n")
    assert markdown.index("## 1. What is CAR-T therapy?") < markdown.index("## 2. How does it work?")
    assert "CAR-T therapy reprograms a patient's T cells. [1]" in markdown
    assert "It adds a receptor to the T cells. [1] [2]" in markdown  # markers are kept as they are
    assert markdown.count("### Sources") == 2
    assert "**[2]** CAR-T and glioblastoma — `corpus/car-t.txt`\n\n> The receptor finds the tumour.\n" in markdown


def test_page_and_section_are_shown_only_when_known():
    turn = _turn(citations=[_citation(1, page=3, section="Results > Survival"), _citation(2)])
    markdown = conversation_markdown([turn])
    assert "**[1]** CAR-T and glioblastoma — `corpus/car-t.txt`, page 3, section “Results \\> Survival”" in markdown
    assert "**[2]** CAR-T and glioblastoma — `corpus/car-t.txt`\n" in markdown
    assert markdown.count("page ") == 1 and markdown.count("section ") == 1


def test_a_quote_over_several_lines_stays_one_blockquote():
    markdown = conversation_markdown([_turn(citations=[_citation(quote="First line.\nSecond line.")])])
    assert "> First line.\n> Second line.\n" in markdown


def test_a_refusal_says_so_and_an_empty_conversation_is_still_a_file():
    refused = _turn("Who won the 2018 World Cup?", "The documents don't say.", refused=True, citations=[])
    markdown = conversation_markdown([refused])
    assert "*Not answered from the documents.*" in markdown and "The documents don't say." in markdown
    assert "### Sources" not in markdown
    assert conversation_markdown([]) == "# Conversation\n\nNo questions were asked.\n"


def test_markup_and_links_in_any_text_stay_text():
    hostile = "<img src=x onerror=alert(1)> [click](javascript:alert(2)) ![x](http://tracker/p.png) `code` *bold*"
    turn = _turn(hostile, f"{hostile} [1]", citations=[_citation(quote=hostile, title=hostile, section=hostile)])
    markdown = conversation_markdown([turn])
    assert not re.search(r"(?<!\\)<|(?<!\\)\]\(|!\[", markdown)  # no tag, link or image can form
    assert _unescaped(markdown).count(hostile) == 5  # question, answer, title, section and quote, character for character
    assert f"{hostile} [1]" in _unescaped(markdown)


def test_answer_lines_that_would_become_lists_or_headings_stay_plain():
    markdown = conversation_markdown([_turn(answer="1. first\n- second\n# third")])
    assert "1\\. first\n\\- second\n\\# third" in markdown
