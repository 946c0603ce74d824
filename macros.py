"""mkdocs-macros wiring: expose the page parts of boras_plan as macros.

No logic here: the parts live in boras_plan/parts.py, the plan and the
page's links come from the boras-plan plugin of this build. `define_env(env)`
is also what Zensical's macros support calls, so this file stays portable.
"""

import functools

from boras_plan.parts import PARTS

PLUGIN = "boras-plan"  # its name under `plugins:` in mkdocs.yml


def define_env(env):
    plugin = env.conf.plugins[PLUGIN]

    def bind(part):
        @functools.wraps(part)
        def macro(*args, **kwargs):
            return part(plugin.plan, plugin.links(env.page.file.src_uri), *args, **kwargs)

        return macro

    for name, part in PARTS.items():
        env.macro(bind(part), name)
