"""What to say: read the turn, decide by policy, pass the guard. An optional LLM words open talk only.

Runs on the dialogue worker thread; one instance per call keeps that call's conversation.
The path of a heard turn: reading.read -> policy.decide -> guard.check -> Action.
"""

from __future__ import annotations

import logging
import re
from types import MappingProxyType
from typing import Protocol

from agent.conversation import policy, reading, slots
from agent.conversation.dialogue_types import Action
from agent.conversation.guard import Guard
from agent.conversation.policy import HOLD_FOR_PRINCIPAL, PARDON_LINE, REFUSE_LINE, YES_LINE, Move
from agent.conversation.reading import learned
from agent.conversation.task import Task
from agent.menu.navigator import MenuNavigator

log = logging.getLogger(__name__)

__all__ = ["HOLD_FOR_PRINCIPAL", "PARDON_LINE", "YES_LINE", "AssistedDialogue", "ChatWording", "Dialogue",
           "RulesDialogue", "machine_message", "opening_line", "screening_reply"]


class Dialogue(Protocol):
    """Decides the agent's next action for one turn."""

    def respond(self, kind: str, text: str) -> Action:
        """kind: "opening" (speak first), "heard" (the other party said `text`), "principal" (their answer),
        "menu" (a phone menu's prompt is over: `text` is its words), "keys_failed" (no key could be sent),
        "quiet" (both sides have been quiet a while after words of theirs we left unanswered)."""
        ...

    def expected_lines(self) -> list[str]:
        """Lines it will probably say, most likely first, so they can be synthesized ahead of time."""
        ...

    def rollback(self) -> None:
        """Undo the latest respond(), whose action was never carried out (they went on talking before it began):
        the turn is decided again, with their words since."""
        ...


def opening_line(task: Task, principal: str = "") -> str:
    """The first thing said: on whose behalf, the AI disclosure, then the goal as a polite request."""
    return policy.opening_line(task, principal)


def screening_reply(task: Task, principal: str) -> str:
    """What a call-screening assistant is told: on whose behalf we call, and why."""
    behalf = task.persona.on_behalf_of or principal
    return f"Hi, this is an assistant calling on behalf of {behalf}. {slots.request(task.goal)}."


def machine_message(task: Task, principal: str) -> str:
    """What is left on an answering machine: the principal's own words, or the goal and a way back."""
    if task.machine_message:
        return task.machine_message
    behalf = task.persona.on_behalf_of or principal
    phone = task.values("share").get("phone")  # only a number the principal lets us give unasked
    back = f"Please call back at {phone}." if phone else "I'll try again later."
    return f"Hi, this is an assistant calling for {behalf}. {slots.request(task.goal)}. {back} Thank you, goodbye."


class RulesDialogue:
    """The conversation core: explicit reading, policy and guard; every decision that must be right is here."""

    def __init__(self, task: Task, principal: str = "") -> None:
        self.task = task
        self.principal = principal
        self.guard = Guard(task)
        self.convo = policy.initial(task)
        self.custom_cues = {k: f.asked_as for k, f in task.facts.items() if f.asked_as}
        # The call asks what something costs: the price to bring back, or a goal that asks it ("how much is ...").
        self.price_asked = "price" in task.bring_back or bool(re.search(r"\b(?:how much|cost|costs|price|prices|"
                                                                        r"charge|fee|quote)\b", task.goal, re.I))
        self.history: list[tuple[str, str]] = []  # (speaker, text), for an LLM and for the call log
        self.vetoed = 0  # moves the guard refused
        self.menus = MenuNavigator(task)  # phone menus: kinds "menu" and "keys_failed"
        self._before: tuple[policy.Conversation, int] | None = None  # (convo, history length) before the latest turn
        learned.load()  # the act model (50 ms, once per process) before the first turn, not during it

    @property
    def facts(self) -> dict[str, str]:
        """What an LLM prompt may carry: shareable facts and the goal's own details, never protected ones."""
        return {**dict(self.convo.agreed), **self.task.values("share", "if_asked"),
                **{k: self.task.facts[k].value for k in self.convo.approved}}

    def expected_lines(self) -> list[str]:
        """See Dialogue.expected_lines: the opening, an answer per shareable fact, the fixed lines."""
        answers = [slots.answer_for(k, v) for k, v in {**dict(self.convo.agreed),
                                                       **self.task.values("share", "if_asked")}.items()]
        return [opening_line(self.task, self.principal), *answers, policy.THANKS_LINE, HOLD_FOR_PRINCIPAL, YES_LINE,
                PARDON_LINE, policy.GOODBYE_LINE, policy.GOODBYE_THANKS, policy.STILL_CHECKING_LINE]

    def respond(self, kind: str, text: str) -> Action:
        """One turn; see Dialogue.respond."""
        self._before = (self.convo, len(self.history))
        if kind in ("menu", "keys_failed"):
            return self._menu_move(kind, text)
        if text:
            self.history.append(("principal" if kind == "principal" else "them", text))
        move = self._decide(kind, text)
        action = self._guarded(move, heard=text if kind == "heard" else "")
        if action.say:
            self.history.append(("agent", action.say))
            self.convo = policy.replace(self.convo, last_said=action.say)
            if action.say not in policy.ASKS_TO_REPEAT:
                self.convo = policy.replace(self.convo, last_told=action.say)
        return action

    def rollback(self) -> None:
        """See Dialogue.rollback. The guard's approvals follow the conversation's; a menu's turn is never undone."""
        if self._before is not None:
            self.convo, size = self._before
            del self.history[size:]
            self._before = None

    def _menu_move(self, kind: str, text: str) -> Action:
        """A phone menu's prompt (or keys that could not go): the navigator's move, passed by the guard."""
        action = self.menus.respond(kind, text, approved=self.convo.approved)
        ok, why = self.guard.check(action.say, free=False)
        keys_ok, keys_why = self.guard.check_keys(action.keys)
        if not ok or not keys_ok:
            self.vetoed += 1
            log.warning("guard vetoed a menu move %r/%r: %s", action.say, action.keys, why or keys_why)
            return Action(note=f"the guard refused a menu move: {why or keys_why}")
        return action

    def read(self, text: str) -> reading.Reading:
        """The reading of a heard turn, with the task's own fact phrases."""
        return reading.read(text, self.custom_cues, price_asked=self.price_asked)

    def _decide(self, kind: str, text: str) -> Move:
        if kind == "opening":
            self.convo = policy.replace(self.convo, goal_stated=True)
            return Move(say=opening_line(self.task, self.principal))
        if kind == "quiet":
            move, self.convo = policy.on_quiet(self.task, self.convo)
            return move
        if kind == "principal":
            move, self.convo = policy.on_principal(self.task, self.convo, text)
            if not move.composed:
                self.guard.allow_text(text)  # the principal's own numbers may be said
            return move
        heard = self.read(text)
        if heard.by_model:
            log.info("read as %s by the act model, not as the rules read it: %r", heard.act, text)
        move, self.convo = policy.decide(self.task, self.convo, heard, self.principal)
        # Words no rule could read, left unanswered: if nothing follows them, "quiet" asks to hear them again.
        self.convo = policy.replace(self.convo, unread=text if not heard.understood and not move.say else "")
        return move

    def _guarded(self, move: Move, heard: str) -> Action:
        self.guard_approve()
        ok, why = self.guard.check(move.say, heard=heard, free=not move.composed)
        keys_ok, keys_why = self.guard.check_keys(move.keys)
        if not ok or not keys_ok:
            self.vetoed += 1
            log.warning("guard vetoed %r/%r: %s", move.say, move.keys, why or keys_why)
            if not move.composed:  # the principal's reply would disclose something: ask them again
                return Action(ask_principal=f"I can't say that on the call: {why or keys_why}. "
                                            "Please reply differently.")
            return Action(say=REFUSE_LINE)
        return Action(say=move.say, keys=move.keys, ask_principal=move.ask_principal, hang_up=move.hang_up,
                      hold=move.hold, outcome=move.outcome, details=MappingProxyType(dict(move.details)),
                      settles_principal=move.settles, retract=move.retract)

    def guard_approve(self) -> None:
        """Keep the guard in step with what the principal approved in the conversation."""
        for key in self.convo.approved:
            self.guard.approve(key)


class AssistedDialogue:
    """Rules first; turns the rules leave silent go to a chat model, whose wording the guard checks."""

    def __init__(self, rules: RulesDialogue, model: ChatWording, guard: Guard | None = None) -> None:
        self.rules = rules
        self.model = model
        self.guard = guard or rules.guard
        self.vetoed = 0  # model proposals the guard refused
        self.failures = 0  # model errors (the call goes on without it)

    def expected_lines(self) -> list[str]:
        """The rules' lines (the model's are not predictable)."""
        return self.rules.expected_lines()

    def rollback(self) -> None:
        """See Dialogue.rollback: the rules' state before the turn, the model's wording of it included."""
        self.rules.rollback()

    def respond(self, kind: str, text: str) -> Action:
        """Rules decide; the model only fills what the rules would leave unsaid, and never ends the call."""
        action = self.rules.respond(kind, text)
        if action.say or action.ask_principal or action.hang_up or action.hold or kind != "heard":
            return action
        try:
            proposal = self.model.propose(self.rules.task, self.rules.facts, self.rules.history)
        except Exception as exc:  # an LLM error costs one turn of wording, never the call
            self.failures += 1
            log.warning("the chat model failed; keeping the rules' action: %s", exc)
            return action
        if proposal.ask_principal or not proposal.say:
            return action  # decisions are the rules' alone
        allowed, why = self.guard.check(proposal.say, heard=text, free=True)
        if not allowed:
            self.vetoed += 1
            log.info("guard vetoed %r: %s", proposal.say, why)
            return action
        self.rules.history.append(("agent", proposal.say))
        self.rules.convo = policy.replace(self.rules.convo, last_said=proposal.say, last_told=proposal.say,
                                          unread="")
        return Action(say=proposal.say)


class ChatWording(Protocol):
    """Proposes wording for open talk (an LLM behind agent.conversation.llm)."""

    def propose(self, task: Task, facts: dict[str, str], history: list[tuple[str, str]]) -> Action:
        """An action for the latest turn of `history`."""
        ...
