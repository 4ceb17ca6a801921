"""Builds small lesson files with unique resource names for grading/quiz tests."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = '''---
id: "{lesson}"
title: "채점 테스트"
chapter: 99
format_version: 1
---

# 채점 테스트

## 네트워크 만들기

```step
id = "net"
kind = "task"
```

네트워크를 만들어요.

```check
kind = "network"
name = "{net}"
driver = "bridge"
```

```solution
docker network create {net}
```

```hint
`docker network create`
```

```hint
`docker network create {net}`
```

## 스토리지 드라이버

```step
id = "driver"
kind = "answer"
```

```answer
source = "info.storage_driver"
compare = "text"
```

```solution
docker system info
```

## 컨테이너란?

```step
id = "what"
kind = "quiz"
```

```quiz
question = "컨테이너는 호스트의 무엇을 함께 쓸까요?"

[[choices]]
text = "커널"
correct = true
why = "맞아요. 컨테이너는 호스트 OS의 커널을 공유해요."

[[choices]]
text = "BIOS"
correct = false
why = "BIOS는 가상화와 상관없어요."

[[choices]]
text = "아무것도 안 써요"
correct = false
why = "컨테이너는 호스트 커널 위에서 돌아가요."
```

## 이미지와 컨테이너

```step
id = "image"
kind = "quiz"
```

```quiz
question = "컨테이너의 바탕이 되는 것은?"

[[choices]]
text = "이미지"
correct = true
why = "맞아요. 이미지로부터 컨테이너를 만들어요."

[[choices]]
text = "볼륨"
correct = false
why = "볼륨은 데이터를 담는 곳이에요."
```
'''


def write_lesson(folder: Path, lesson: str, net: str) -> Path:
    path = folder / f"{lesson}.md"
    path.write_text(TEMPLATE.format(lesson=lesson, net=net), encoding="utf-8")
    return path
