"""Making the demo store: created through services.setup, filled by services.demo, then the
three published users (the director works in the community of 大营门街 with the most children)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hexi_care.db.keys import KdfParams
from hexi_care.demo import (
    DEFAULT_CHILDREN,
    DEFAULT_SEED,
    DEMO_ADMIN,
    DEMO_CENTRE,
    DEMO_DIRECTOR,
    DEMO_PASSWORD,
    DEMO_STREET,
    DEMO_STREET_NAME,
    DemoUsers,
)
from hexi_care.domain.enums import Role
from hexi_care.services import demo, setup

Progress = Callable[[str], None]

#: The steps reported to `progress`, in order.
STEPS = ("calibrate", "create", "generate", "users")


def create_demo_store(
    path: Path,
    *,
    children: int = DEFAULT_CHILDREN,
    seed: int = DEFAULT_SEED,
    kdf: KdfParams | None = None,
    progress: Progress | None = None,
) -> DemoUsers:
    """Create the store, its synthetic data and the three demo users (password demo1234); a
    step that fails (or is cancelled through `progress`) leaves no store behind."""
    say = progress or (lambda _step: None)
    say("calibrate")
    params = kdf or KdfParams.calibrate()
    created = setup.create_store(
        path,
        admin_name=DEMO_ADMIN,
        admin_password=DEMO_PASSWORD,
        published_password=True,
        kdf=params,
        audit_detail="demo",
        # Calibrated above, and no units to add: of the service's steps only "create" is news.
        progress=lambda step: say(step) if step == "create" else None,
    )
    store = created.store
    try:
        say("generate")
        demo.generate(store, children=children, seed=seed)
        say("users")
        community = demo.busiest_community(store, DEMO_STREET_NAME)
        setup.add_users(
            store,
            [
                setup.NewUser(name, role, DEMO_PASSWORD, display, published_password=True, **unit)
                for name, role, display, unit in (
                    (DEMO_DIRECTOR, Role.DIRECTOR, "演示儿童主任", {"unit_id": community}),
                    (
                        DEMO_STREET,
                        Role.STREET_SUPERVISOR,
                        "演示儿童督导员",
                        {"street": DEMO_STREET_NAME},
                    ),
                    (DEMO_CENTRE, Role.CENTRE_SUPERVISOR, "演示区未保中心", {}),
                )
            ],
            kdf=params,
        )
    except BaseException:
        store.lock()
        setup.remove_store_files(path)
        raise
    store.lock()
    return DemoUsers()
