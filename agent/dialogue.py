"""What to say: explicit rules make every decision that must be right; an optional LLM words open talk.

Runs on the dialogue worker thread; one instance per call keeps that call's history.
"""

from __future__ import annotations

import logging
import re
from types import MappingProxyType
from typing import Protocol

from agent import slots
from agent.dialogue_types import Action
from agent.policy import PolicyGuard
from agent.task import Task

log = logging.getLogger(__name__)

HOLD_FOR_PRINCIPAL = "Could you hold on a moment? I need to check that."
CONFIRMED_LINE = "Perfect, thank you so much! Goodbye."
GOODBYE_LINE = "Goodbye, thank you!"
YES_LINE = "Yes, that's right."
_IMPERATIVES = ("book", "make", "get", "schedule", "change", "cancel", "ask", "reserve", "move", "order",
                "find", "check", "confirm", "request", "arrange", "set up", "see if")


class Dialogue(Protocol):
    """Decides the agent's next action for one turn."""

    def respond(self, kind: str, text: str) -> Action:
        """kind: "opening" (speak first), "heard" (the other party said `text`), "principal" (their answer)."""
        ...

    def expected_lines(self) -> list[str]:
        """Lines it will probably say, most likely first, so they can be synthesized ahead of time."""
        ...


def opening_line(task: Task) -> str:
    """The first thing said: the goal as a polite request."""
    goal = task.goal.strip().rstrip(".!")
    lowered = goal[0].lower() + goal[1:]
    if lowered.startswith(_IMPERATIVES):
        request = f"I'd like to {lowered}"
    else:
        request = goal
    return f"Hi! {request}, please."


def machine_message(task: Task, principal: str) -> str:
    """What is left on an answering machine: the principal's own words, or the goal and a way back."""
    if task.machine_message:
        return task.machine_message
    goal = task.goal.strip().rstrip(".!")
    lowered = goal[0].lower() + goal[1:]
    request = f"I'd like to {lowered}" if lowered.startswith(_IMPERATIVES) else goal
    phone = task.fact("phone")
    back = f"Please call back at {phone}." if phone else "I'll try again later."
    return f"Hi, this is an assistant calling for {principal}. {request}. {back} Thank you, goodbye."


class RulesDialogue:
    """Slot-filling from the task's authorized facts, with escalation for anything else that needs a decision."""

    def __init__(self, task: Task) -> None:
        self.task = task
        self.facts = {**slots.derive_facts(task.goal), **task.facts}
        self.goal_stated = False
        self.history: list[tuple[str, str]] = []  # (speaker, text), for an LLM and for the call log

    def expected_lines(self) -> list[str]:
        """See Dialogue.expected_lines: the opening, an answer per fact, the fixed lines."""
        answers = [slots.answer_for(slot, value) for slot, value in self.facts.items()]
        return [opening_line(self.task), *answers, CONFIRMED_LINE, HOLD_FOR_PRINCIPAL, YES_LINE, GOODBYE_LINE]

    def respond(self, kind: str, text: str) -> Action:
        """One turn; see Dialogue.respond."""
        if text:
            self.history.append(("principal" if kind == "principal" else "them", text))
        action = self._decide(kind, text)
        if action.say:
            self.history.append(("agent", action.say))
        return action

    def _decide(self, kind: str, text: str) -> Action:
        if kind == "opening" or (kind == "heard" and not self.goal_stated):
            return self._opening(text)
        if kind == "principal":
            return Action(say=f"Thanks for holding. {_sentence(text)}")
        return self.classify(text)

    def _opening(self, text: str) -> Action:
        self.goal_stated = True
        asked = slots.asked_slots(text) if text else []
        if asked and (slots.is_question(text) or slots.is_request(text)):
            return self._answer_slots(asked, text)  # they asked before we said why we call
        return Action(say=opening_line(self.task))

    def classify(self, text: str) -> Action:
        """The rules' action for a heard turn once the goal is stated."""
        code = slots.booking_code(text)
        if slots.is_confirmation(text) and not self._conflicts(text):
            details = {"booking_code": code} if code else {}
            return Action(
                say=CONFIRMED_LINE,
                hang_up=True,
                outcome="confirmed",
                details=MappingProxyType({**details, "confirmation": text}),
            )
        if slots.is_goodbye(text):
            return Action(say=GOODBYE_LINE, hang_up=True)
        asked = slots.asked_slots(text)
        if asked and (slots.is_question(text) or slots.is_request(text)):
            return self._answer_slots(asked, text)
        if slots.is_question(text):
            if self._is_check_question(text) and not self._conflicts(text):
                return Action(say=YES_LINE)
            return Action(say=HOLD_FOR_PRINCIPAL, ask_principal=text)
        if slots.is_hold_request(text):
            return Action(hold=True)  # keep the line and wait, silently
        return Action()  # a statement: keep listening

    def _answer_slots(self, asked: list[str], text: str) -> Action:
        answers = [slots.answer_for(slot, self.facts[slot]) for slot in asked if slot in self.facts]
        missing = [slot for slot in asked if slot not in self.facts]
        if missing:
            return Action(say=HOLD_FOR_PRINCIPAL, ask_principal=text)
        return Action(say=" ".join(answers))

    def _is_check_question(self, text: str) -> bool:
        return bool(re.search(r"\b(correct|right|does that (work|sound)|is that ok(ay)?|sound good)\b", text, re.I))

    def _conflicts(self, text: str) -> bool:
        """The other party states a number that differs from the facts (an alternative offer)."""
        ours: set[int] = set()
        for value in self.facts.values():
            ours |= slots.numbers_in(value)
        return bool(slots.numbers_in(slots.without_code(text)) - ours)


class AssistedDialogue:
    """Rules first; turns the rules leave silent go to a chat model, whose wording the policy guard checks."""

    def __init__(self, rules: RulesDialogue, model: ChatWording, guard: PolicyGuard) -> None:
        self.rules = rules
        self.model = model
        self.guard = guard
        self.vetoed = 0  # model proposals the guard refused

    def expected_lines(self) -> list[str]:
        """The rules' lines (the model's are not predictable)."""
        return self.rules.expected_lines()

    def respond(self, kind: str, text: str) -> Action:
        """Rules decide; the model only fills what the rules would leave unsaid."""
        action = self.rules.respond(kind, text)
        if action.say or action.ask_principal or action.hang_up or action.hold or kind != "heard":
            return action
        proposal = self.model.propose(self.rules.task, self.rules.facts, self.rules.history)
        if proposal.ask_principal:
            return Action(say=HOLD_FOR_PRINCIPAL, ask_principal=text)
        if not proposal.say:
            return action
        allowed, why = self.guard.allow(proposal.say, heard=text)
        if not allowed:
            self.vetoed += 1
            log.info("policy guard vetoed %r: %s", proposal.say, why)
            return action
        self.rules.history.append(("agent", proposal.say))
        return Action(say=proposal.say)


class ChatWording(Protocol):
    """Proposes wording for open talk (an LLM behind agent.llm)."""

    def propose(self, task: Task, facts: dict[str, str], history: list[tuple[str, str]]) -> Action:
        """An action for the latest turn of `history`."""
        ...


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."
