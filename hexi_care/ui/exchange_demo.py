"""For the screenshots (hexi_care.ui.screenshots): make a demo store's copy a laptop enrolled with a
centre built beside it, so the 数据交换 page shows a real peer and fingerprints, and write one
package from the page so its result is on screen. Not part of the program a user runs."""

from __future__ import annotations

from pathlib import Path

from hexi_care import demo


def enrol_demo_laptop(store: Path, folder: Path) -> None:
    """Enrol `store` (a copy of the demo store, locked) as the demo director's laptop."""
    from hexi_care.db.keys import KdfParams
    from hexi_care.db.store import unlock
    from hexi_care.services import setup, units
    from hexi_care.services.context import UnitOfWork
    from hexi_care.sync import accept_reply, enrol_device, make_request

    folder.mkdir(parents=True, exist_ok=True)
    laptop = unlock(store, demo.DEMO_DIRECTOR, demo.DEMO_PASSWORD)
    try:
        assert laptop.user is not None
        with UnitOfWork(laptop) as uow:
            community = units.resolve_unit(uow, laptop.user.unit_id)
            assert community.parent_id is not None
            street = units.resolve_unit(uow, community.parent_id)
        centre = setup.create_store(
            folder / "centre.hexi",
            admin_name="admin",
            admin_password=demo.DEMO_PASSWORD,
            published_password=True,
            communities=[(street.name, community.name)],
            kdf=KdfParams.fast(),
        ).store
        try:
            make_request(laptop, folder / "request.hxr")
            # No centre card here, so the request names no unit: the centre says which.
            enrol_device(
                centre, folder / "request.hxr", folder / "reply.hxr", unit_ref=community.name
            )
            accept_reply(laptop, folder / "reply.hxr")
        finally:
            centre.lock()
    finally:
        laptop.lock()


def export_on_page(page, folder: Path) -> None:
    """Write a package for the centre from the exchange page (its result stays on the page)."""
    peer = page.peer_box.currentData()
    if peer is not None:
        folder.mkdir(parents=True, exist_ok=True)
        page.export_to(peer, folder)
