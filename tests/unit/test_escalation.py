"""The terminal escalator: an empty Enter is not an answer, and does not stop the principal from answering."""

import io
import threading

from agent.app.escalation import TerminalEscalator, principal_message


def test_empty_lines_are_skipped_and_the_answer_still_arrives():
    replies = []
    done = threading.Event()
    esc = TerminalEscalator(stdin=io.StringIO("\n   \n9 pm is fine\n"), stdout=io.StringIO())
    esc.ask(3, "Would 9 pm work?", "Luigi's", lambda qid, text: (replies.append((qid, text)), done.set()))
    assert done.wait(5)
    assert replies == [(3, "9 pm is fine")]


def test_end_of_input_ends_the_reader_quietly():
    esc = TerminalEscalator(stdin=io.StringIO(""), stdout=io.StringIO())
    esc.ask(1, "?", "", lambda qid, text: None)  # nothing to read: no reply, no crash


def test_the_message_names_the_party_and_asks_for_a_timely_answer():
    text = principal_message("Luigi's", "Would 9 pm work?")
    assert "on the call with Luigi's" in text and "timely response" in text
