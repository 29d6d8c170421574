"""Demo content of the portal, written from the plans in shared/seeds/ (113/KH-UBND of 2018 of
Ba Đình district, 287/KH-UBND of 2021 of Hà Nội) and the instruments that replaced theirs."""
