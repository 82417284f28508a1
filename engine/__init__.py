"""Backprop Explorer's engine: pure numpy, no UI. See DESIGN.md for the contract."""

from engine.config import ConfigError, InitSpec, NetworkConfig, from_dict, from_json, with_params
from engine.network import LayerRecord, PassResult, config_params, init_params, pass_arrays, run_pass

__all__ = [
    "ConfigError",
    "InitSpec",
    "LayerRecord",
    "NetworkConfig",
    "PassResult",
    "config_params",
    "from_dict",
    "from_json",
    "init_params",
    "pass_arrays",
    "run_pass",
    "with_params",
]
