"""A device's configuration as a store manager reads it: "Printer type: ESC/POS over USB",
"Paper width: 80 mm", "Member card ranges: 880000000000 – 889999999999" — labelled and
translated, never the config file's keys and JSON.

Only the words are here; which values a driver accepts is the driver's business. A key this
module does not know yet is still shown (as the key itself), so nothing configured is hidden.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ui.widgets.i18n import translate

MASK = "••••••"


def type_label(device: str) -> str:
    """The label of the ``kind`` row: what kind of printer, scale… it is."""
    labels = {
        "printer": translate("DeviceSettings", "Printer type"),
        "scale": translate("DeviceSettings", "Scale type"),
        "scanner": translate("DeviceSettings", "Scanner type"),
        "card_reader": translate("DeviceSettings", "Card reader type"),
        "camera": translate("DeviceSettings", "Camera type"),
        "camera-scanner": translate("DeviceSettings", "Camera type"),
    }
    return labels.get(device, translate("DeviceSettings", "Type"))


def kind_text(device: str, kind: str) -> str:
    """The configured ``kind`` in words: "escpos_usb" -> "ESC/POS over USB"."""
    common = {
        "wedge": translate("DeviceSettings", "Keyboard wedge (USB)"),
        "serial": translate("DeviceSettings", "Serial port"),
        "simulator": translate("DeviceSettings", "Simulator (no hardware)"),
        "camera": translate("DeviceSettings", "Camera"),
        "opencv": translate("DeviceSettings", "Video camera or stream"),
        "escpos_usb": translate("DeviceSettings", "ESC/POS over USB"),
        "escpos_serial": translate("DeviceSettings", "ESC/POS over a serial port"),
        "escpos_network": translate("DeviceSettings", "ESC/POS over the network"),
        "escpos_file": translate("DeviceSettings", "ESC/POS to a device file"),
        "pdf": translate("DeviceSettings", "PDF files (no paper)"),
        "capture": translate("DeviceSettings", "Captured in memory (tests)"),
        "toledo8217": translate("DeviceSettings", "Mettler Toledo 8217 protocol"),
        "cas_ecr": translate("DeviceSettings", "CAS ECR protocol"),
    }
    if device == "scanner" and kind == "camera":
        return translate("DeviceSettings", "Camera (reads barcodes from the picture)")
    if kind.startswith("simulator-"):
        inner = kind.removeprefix("simulator-")
        return translate("DeviceSettings", "Simulator of the {0}").format(common.get(inner, inner))
    return common.get(kind, kind)


def setting_label(key: str) -> str:
    labels = {
        "name": translate("DeviceSettings", "Name"),
        "port": translate("DeviceSettings", "Port"),
        "baudrate": translate("DeviceSettings", "Speed (baud)"),
        "bytesize": translate("DeviceSettings", "Data bits"),
        "parity": translate("DeviceSettings", "Parity"),
        "stopbits": translate("DeviceSettings", "Stop bits"),
        "xonxoff": translate("DeviceSettings", "Software flow control"),
        "rtscts": translate("DeviceSettings", "Hardware flow control (RTS/CTS)"),
        "dsrdtr": translate("DeviceSettings", "Hardware flow control (DSR/DTR)"),
        "timeout_s": translate("DeviceSettings", "Read timeout"),
        "write_timeout_s": translate("DeviceSettings", "Write timeout"),
        "timeout_ms": translate("DeviceSettings", "Timeout"),
        "paper_mm": translate("DeviceSettings", "Paper width"),
        "profile": translate("DeviceSettings", "Printer model"),
        "host": translate("DeviceSettings", "Network address"),
        "vendor_id": translate("DeviceSettings", "USB vendor ID"),
        "product_id": translate("DeviceSettings", "USB product ID"),
        "in_ep": translate("DeviceSettings", "USB in endpoint"),
        "out_ep": translate("DeviceSettings", "USB out endpoint"),
        "folder": translate("DeviceSettings", "Folder"),
        "path": translate("DeviceSettings", "Device file"),
        "status_query": translate("DeviceSettings", "Ask the printer for its status"),
        "status_interval_s": translate("DeviceSettings", "Status check every"),
        "backoff_max_s": translate("DeviceSettings", "Longest wait between reconnects"),
        "unit": translate("DeviceSettings", "Weight unit"),
        "sim_unit": translate("DeviceSettings", "Simulated weight unit"),
        "sim_grams": translate("DeviceSettings", "Simulated weight"),
        "handshake": translate("DeviceSettings", "Handshake before each reading"),
        "poll_interval_ms": translate("DeviceSettings", "Ask for the weight every"),
        "response_timeout_ms": translate("DeviceSettings", "Wait for an answer"),
        "lost_after_ms": translate("DeviceSettings", "Disconnected after no answer for"),
        "confirm_reads": translate("DeviceSettings", "Readings to confirm a weight"),
        "reconnect_min_ms": translate("DeviceSettings", "Shortest wait between reconnects"),
        "reconnect_max_ms": translate("DeviceSettings", "Longest wait between reconnects"),
        "member_ranges": translate("DeviceSettings", "Member card ranges"),
        "nfc_bytes": translate("DeviceSettings", "NFC card number length (bytes)"),
        "nfc_format": translate("DeviceSettings", "NFC number format"),
        "nfc_byte_order": translate("DeviceSettings", "NFC byte order"),
        "nfc_prefix": translate("DeviceSettings", "NFC prefix"),
        "terminators": translate("DeviceSettings", "Codes end with"),
        "terminator_required": translate("DeviceSettings", "An end key is required"),
        "max_gap_ms": translate("DeviceSettings", "Longest gap between keys"),
        "min_length": translate("DeviceSettings", "Shortest code"),
        "prefix": translate("DeviceSettings", "Prefix"),
        "suffix": translate("DeviceSettings", "Suffix"),
        "use_event_timestamps": translate("DeviceSettings", "Time keys by their events"),
        "encoding": translate("DeviceSettings", "Text encoding"),
        "keep_gs": translate("DeviceSettings", "Keep GS1 separators"),
        "symbologies": translate("DeviceSettings", "Barcode types"),
        "source": translate("DeviceSettings", "Video source"),
        "width": translate("DeviceSettings", "Picture width"),
        "height": translate("DeviceSettings", "Picture height"),
        "fps": translate("DeviceSettings", "Frames per second"),
        "loop": translate("DeviceSettings", "Play the video in a loop"),
        "camera": translate("DeviceSettings", "Camera"),
        "wedge": translate("DeviceSettings", "Keyboard wedge"),
    }
    return labels.get(key, key)


_UNITS = {"_mm": "mm", "_ms": "ms", "_s": "s"}


def value_text(key: str, value: Any) -> str:
    """A setting's value in words: 80 -> "80 mm", true -> "Yes", a range list -> one range a
    line "first – last"."""
    if isinstance(value, bool):
        return translate("DeviceSettings", "Yes") if value else translate("DeviceSettings", "No")
    if key == "member_ranges" and isinstance(value, list | tuple):
        none = translate("DeviceSettings", "(none)")
        return "\n".join(_range_text(pair) for pair in value) or none
    if key in ("vendor_id", "product_id", "in_ep", "out_ep") and type(value) is int:
        return f"0x{value:04x}" if key.endswith("_id") else f"0x{value:02x}"
    if key == "sim_grams" and type(value) is int:
        return f"{value} g"
    if key == "unit" or key == "sim_unit":
        automatic = translate("DeviceSettings", "automatic")
        return {"auto": automatic, "kg": "kg", "lb": "lb"}.get(str(value), str(value))
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    for suffix, unit in _UNITS.items():
        if key.endswith(suffix) and type(value) in (int, float):
            return f"{value} {unit}"
    return str(value)


def _range_text(pair: Any) -> str:
    if isinstance(pair, list | tuple) and len(pair) == 2:
        return f"{pair[0]}\u00a0–\u2060\u00a0{pair[1]}"  # one range never breaks across lines
    return str(pair)


def labelled_rows(device: str, rows: Iterator[tuple[str, Any]]) -> list[tuple[str, str, str]]:
    """(key, label, text) for each (dotted key, raw value) row; "kind" comes first."""
    out: list[tuple[str, str, str]] = []
    for key, value in rows:
        last = key.rsplit(".", 1)[-1]
        if value is MASK:
            text = MASK
        elif last == "kind":
            text = kind_text(device, str(value))
        else:
            text = value_text(last, value)
        if key == "kind":
            label = type_label(device)
        elif "." in key:  # a nested table (a scanner's camera): "Camera · Video source"
            head, _, _ = key.partition(".")
            inner = type_label("camera") if last == "kind" else setting_label(last)
            label = f"{setting_label(head)} · {inner}"
        else:
            label = setting_label(key)
        out.append((key, label, text))
    out.sort(key=lambda row: row[0] != "kind")
    return out
