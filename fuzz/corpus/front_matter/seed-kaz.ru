---
type: country-input
country: KAZ
language: ru
submitted: 2023-04-20
---
## Приоритеты

KAZ-RU-ABZATS о приоритетах.
