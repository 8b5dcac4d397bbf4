/* Intentionally empty: see TorchWithoutQt5.cmake. */
typedef int w4rl_iso_c_forbids_an_empty_translation_unit;
