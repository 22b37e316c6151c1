"""Phone menus (IVRs): reading a prompt's options and requests, and choosing the move for a task. Pure logic."""

from agent.menu.choose import Choice, choose, next_after_loop
from agent.menu.entry import Entry
from agent.menu.parse import Menu, Option, parse_menu

__all__ = ["Choice", "Entry", "Menu", "Option", "choose", "next_after_loop", "parse_menu"]
