"""mkdocs-macros wiring: expose the page parts of boras_plan as macros.

No logic here: the parts live in boras_plan/parts.py. `define_env(env)` is
also what Zensical's macros support calls, so this file stays portable.
"""

import functools

from boras_plan.mkdocs_hooks import plan_for
from boras_plan.parts import PARTS, Page


def define_env(env):
    plan = plan_for(env.conf)

    def bind(part):
        @functools.wraps(part)
        def macro(*args, **kwargs):
            return part(plan, Page(env.page.url), *args, **kwargs)

        return macro

    for name, part in PARTS.items():
        env.macro(bind(part), name)
